#!/usr/bin/env node
// One SGD training step of the seeds' MNIST CNN on every available backend (not a test):
//   conv 3x3x16 - relu - maxpool 2 - conv 3x3x32 - relu - maxpool 2 - fc 128 relu - linear 128 head,
//   L2-normalised, input 28x28x1, batch 256 x 2 views = 512 images, SupCon loss (temperature 0.1).
// Prints the median of N steps after warm-up per backend. The pure-JS cpu backend takes far
// longer, so it runs a single timed step (after one warm-up) unless --cpu-steps says otherwise;
// --skip-cpu leaves it out.
// Loads the built packages: run `npx nx run @contrastive/backend:build` (and losses) first.
// Usage: node tools/bench/train-step.js [--steps 7] [--backends tensorflow,wasm,cpu] [--cpu-steps 1] [--skip-cpu]
//          [--threads 1,2]   wasm thread counts to compare (each runs in its own child process,
//                            since the count is fixed when wasm initialises; default 1)
// Reference: PyTorch 1.13 CPU (2 threads) takes ~150 ms for this step on the 2-core dev box.
// Figures are indicative: the CPU is shared.
const tf = require('@tensorflow/tfjs-core');
const backend = require('../../packages/backend/dist');

const { makeWeights, embed, makeLoss } = require('./lib/seed-cnn-step');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const steps = Number(option('steps', 7));
const cpuSteps = Number(option('cpu-steps', 1));
const skipCpu = args.includes('--skip-cpu');
const requested = option('backends', 'tensorflow,wasm,cpu').split(',');
const threadCounts = option('threads', '1').split(',').map(Number);
const childThreads = option('child-threads', undefined); // internal: one wasm run, JSON on stdout
const batch = 256;
const views = 2;
const classes = 10;
const PYTORCH_MS = 150;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function makeBatch() {
  const x = tf.randomUniform([batch, views, 28, 28, 1], 0, 1, 'float32', 7);
  const labels = tf.tensor1d(
    Array.from({ length: batch }, (_, i) => i % classes),
    'int32',
  );
  return { x, labels };
}

async function timeBackend(name, loss, count) {
  const weights = makeWeights();
  const optimizer = tf.train.sgd(0.05);
  const { x, labels } = makeBatch();
  const step = () => {
    const cost = optimizer.minimize(
      () => {
        const images = tf.reshape(x, [batch * views, 28, 28, 1]);
        const z = embed(weights, images);
        return loss.fn(tf.reshape(z, [batch, views, 128]), labels);
      },
      true,
      Object.values(weights),
    );
    const value = cost.dataSync()[0];
    cost.dispose();
    return value;
  };
  const warm = step(); // warm-up: kernel setup, wasm allocation
  const times = [];
  let last = warm;
  const before = tf.memory().numTensors;
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    last = step();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const leaked = tf.memory().numTensors - before;
  tf.dispose([x, labels, ...Object.values(weights)]);
  optimizer.dispose();
  return { times, first: warm, last, leaked };
}

/** Runs the wasm row with `threads` in a child process (threads are fixed at wasm init). */
function wasmInChild(threads) {
  const { execFileSync } = require('child_process');
  const out = execFileSync(
    process.execPath,
    [__filename, '--child-threads', String(threads), '--steps', String(steps)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out.trim().split('\n').pop());
}

async function main() {
  const loss = makeLoss();
  if (childThreads !== undefined) {
    await backend.useBackend('wasm', { quiet: true, threads: Number(childThreads) });
    const result = await timeBackend('wasm', loss, steps);
    console.log(
      JSON.stringify({
        ...result,
        actualThreads: require('@tensorflow/tfjs-backend-wasm').getThreadsCount(),
      }),
    );
    return;
  }
  const availability = backend.availableBackends();
  const rows = [];
  for (const name of requested) {
    const entry = availability.find((a) => a.name === name);
    if (!entry) continue;
    if (name === 'cpu' && skipCpu) {
      rows.push({ name, note: 'skipped (--skip-cpu)' });
      continue;
    }
    if (!entry.available) {
      rows.push({ name, note: `not available: ${entry.detail}` });
      continue;
    }
    if (name === 'wasm') {
      for (const threads of threadCounts) {
        const result = wasmInChild(threads);
        rows.push({
          name: `wasm (${result.actualThreads} thread${result.actualThreads > 1 ? 's' : ''})`,
          ...result,
          note: '',
        });
      }
      continue;
    }
    await backend.useBackend(name, { quiet: true });
    const count = name === 'cpu' ? cpuSteps : steps;
    const result = await timeBackend(name, loss, count);
    rows.push({ name, ...result, note: name === 'cpu' ? `capped at ${count} step(s) (--cpu-steps)` : '' });
  }
  console.log(`CNN training step, batch ${batch} x ${views} views (28x28x1), SGD, loss: ${loss.name}`);
  console.log(
    `load average at the end: ${require('os')
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${require('os').cpus().length} cores`,
  );
  console.log(
    '| backend | steps | median ms | min ms | x PyTorch (150 ms) | loss first -> last | leaked tensors | note |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    if (!r.times) {
      console.log(`| ${r.name} | - | - | - | - | - | - | ${r.note} |`);
      continue;
    }
    const med = median(r.times);
    console.log(
      `| ${r.name} | ${r.times.length} | ${med.toFixed(0)} | ${Math.min(...r.times).toFixed(0)} | ${(med / PYTORCH_MS).toFixed(2)} | ` +
        `${r.first.toFixed(4)} -> ${r.last.toFixed(4)} | ${r.leaked} | ${r.note} |`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
