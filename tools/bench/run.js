#!/usr/bin/env node
// Runs every benchmark in this folder in turn (each prints its own table). Benchmarks are
// not tests: they measure, they do not pass or fail. `npm run bench` builds packages first.
// Usage: node tools/bench/run.js [name ...] [--flag value ...]   e.g. `node tools/bench/run.js loss train-step`
// Everything from the first `--flag` on is passed to every benchmark run, e.g.
// `node tools/bench/run.js soak --steps 200` or `node tools/bench/run.js --no-pytorch`.
// The soak runs last: it is the long one (1000 steps). accuracy.js (tens of minutes) and trajectory.js run only when named.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const order = ['train-step', 'kernels', 'loss', 'browser', 'augment', 'data', 'knn', 'soak'];
// Long runs that measure something other than speed: only when named (`node tools/bench/run.js accuracy`).
const onRequest = ['accuracy', 'trajectory'];
const available = fs
  .readdirSync(__dirname)
  .filter((file) => file.endsWith('.js') && file !== 'run.js')
  .map((file) => file.replace(/\.js$/, ''))
  .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
const args = process.argv.slice(2);
const firstFlag = args.findIndex((arg) => arg.startsWith('--'));
const requested = firstFlag < 0 ? args : args.slice(0, firstFlag);
const passed = firstFlag < 0 ? [] : args.slice(firstFlag);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
for (const name of requested.length ? requested : available.filter((name) => !onRequest.includes(name))) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, [path.join(__dirname, `${name}.js`), ...passed], {
    stdio: 'inherit',
  });
  if (result.status !== 0) console.log(`(${name} exited with ${result.status})`);
}
