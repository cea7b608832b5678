#!/usr/bin/env node
// Triplet margin loss forward + backward with `all` and `semi-hard` mining (pml semantics, Euclidean on
// normalised embeddings, margin 0.1, D = 128, 10 classes) at N = 512 and 1024 (issue #15's sizes), on wasm
// (and any --backends), with the ratio to the previous size: the triplets are counted by sorting each
// anchor's distances, O(N^2) memory and O(N^2 log N) time, so doubling N should cost ~x4, not the x8 of the
// O(N^3) triplet tensor. PyTorch computes the same loss after the tfjs rows, in the same run
// (tools/bench/pytorch/triplet_reference.py): with the same sorted counting, and densely over [block, N, N]
// triplet tensors (pml's O(N^3) way; only up to --dense-max, default 512, since N = 1024 takes minutes).
// Loads the built packages: run `npx nx run @contrastive/losses:build` first.
// Usage: node tools/bench/triplet.js [--repeats 3] [--backends wasm] [--sizes 512,1024] [--dense-max 512] [--no-pytorch]
// Figures are indicative: the CPU is shared.
const { spawnSync } = require('child_process');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
const backend = require('../../packages/backend/dist');
const losses = require('../../packages/losses/dist');
const { median } = require('./lib/median');
const { printMarkdownTable } = require('./lib/markdown-table');
const { pythonPath } = require('./lib/pytorch-reference');

const { args, option } = require('./lib/options').benchOptions();
const repeats = Number(option('repeats', 3));
const backends = option('backends', 'wasm').split(',');
const sizes = option('sizes', '512,1024').split(',').map(Number);
const skipPytorch = args.includes('--no-pytorch');
const denseMax = Number(option('dense-max', 512));
const dim = 128;
const MININGS = ['all', 'semi-hard'];

/** Wall times of value + gradient, including the download of both (forces the backend to finish). */
function time(n, mining) {
  const x = tf.randomNormal([n, dim], 0, 1, 'float32', 3);
  const labels = tf.randomUniform([n], 0, 10, 'int32', 5);
  const loss = new losses.TripletMarginLoss({ margin: 0.1, mining, validate: false });
  const step = tf.valueAndGrad((e) => loss.compute(e, { labels }));
  const once = () => {
    const start = performance.now();
    const { value, grad } = step(x);
    value.dataSync();
    grad.dataSync();
    tf.dispose([value, grad]);
    return performance.now() - start;
  };
  const before = tf.memory().numTensors;
  once(); // kernel set-up, wasm heap growth
  const times = Array.from({ length: repeats }, once);
  const leaked = tf.memory().numTensors - before;
  tf.dispose([x, labels]);
  return { times, leaked };
}

/** PyTorch's figures, or the reason there are none (it is never a dependency). */
function pytorchReference() {
  if (skipPytorch) return { reason: '--no-pytorch' };
  const python = pythonPath();
  const result = spawnSync(python, [path.join(__dirname, 'pytorch', 'triplet_reference.py'), sizes.join(','), String(repeats), String(denseMax)], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS || '2' },
    timeout: 15 * 60 * 1000,
  });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : String(result.stderr).trim().split('\n').pop();
    return { reason: `${python}: ${why}` };
  }
  return { reference: JSON.parse(String(result.stdout).trim().split('\n').pop()), python };
}

async function main() {
  const measured = [];
  const notes = [];
  for (const name of backends) {
    await backend.useBackend(name, { native: 'off', log: (line) => notes.push(line) });
    for (const mining of MININGS) {
      let previous;
      for (const n of sizes) {
        const { times, leaked } = time(n, mining);
        const ms = median(times);
        measured.push({ backend: name, mining, n, runs: times.length, ms, min: Math.min(...times), previous, leaked });
        console.error(`${name} ${mining} N=${n}: ${ms.toFixed(1)} ms`);
        previous = ms;
      }
    }
  }
  const pytorch = pytorchReference(); // after the tfjs rows, so the two never compete for the CPU
  const torchMs = (way, mining, n) => pytorch.reference?.ms[way]?.[mining]?.[String(n)];
  const rows = measured.map((m) => ({
    backend: m.backend,
    mining: m.mining,
    N: m.n,
    runs: m.runs,
    'median ms': m.ms.toFixed(1),
    'min ms': m.min.toFixed(1),
    'x previous size': m.previous ? (m.ms / m.previous).toFixed(2) : '-',
    'PyTorch sorted ms': torchMs('sorted', m.mining, m.n)?.toFixed(1) ?? '-',
    'x PyTorch sorted': torchMs('sorted', m.mining, m.n) ? (m.ms / torchMs('sorted', m.mining, m.n)).toFixed(2) : '-',
    'PyTorch dense O(N^3) ms': torchMs('dense', m.mining, m.n)?.toFixed(1) ?? '-',
    'leaked tensors': m.leaked,
  }));
  console.log(`triplet fwd+bwd, D=${dim}, margin 0.1, 10 classes: median and min of ${repeats} timed runs after 1 warm-up (tfjs ${tf.version_core}, node ${process.version})`);
  console.log(
    pytorch.reference
      ? `PyTorch ${pytorch.reference.torch} (${pytorch.reference.threads} threads, ${pytorch.python}), measured in this run: sorted = the same counting; dense = [block, N, N] triplet tensors, N <= ${pytorch.reference.dense_max}`
      : `PyTorch: not available (${pytorch.reason})`,
  );
  console.log(`load average at the end: ${require('os').loadavg().map((l) => l.toFixed(1)).join(' ')} on ${require('os').cpus().length} cores`);
  for (const note of notes) console.log(note);
  printMarkdownTable(Object.keys(rows[0] ?? { backend: '' }), rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
