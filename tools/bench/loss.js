#!/usr/bin/env node
// SupCon forward + backward time (SupContrast L_out, labels, V = 2, D = 128) for B in {128, 512, 1024, 2048},
// on the wasm and cpu backends; the cost is O((BV)^2 D), so the ratio to the previous size is printed too
// (x4 per doubling of B when the O(N^2) work dominates).
// Loads the built package: run `npx nx run @contrastive/losses:build` first.
// Usage: node tools/bench/loss.js [--repeats N] [--backends wasm,cpu] [--sizes 128,512,1024,2048] [--loss supcon|ntxent]
// Reference (SupContrast on PyTorch CPU, 2 threads, fwd+bwd median): 128: 8 ms, 512: 31 ms, 1024: 126 ms, 2048: 716 ms.
// Figures are indicative: the CPU is shared.
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
require('@tensorflow/tfjs-backend-wasm');
require('@tensorflow/tfjs-layers'); // registers tfjs-core's gradients (tfjs-core alone registers none)
const losses = require('../../packages/losses/dist');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const repeats = Number(option('repeats', 5));
const backends = option('backends', 'wasm,cpu').split(',');
const sizes = option('sizes', '128,512,1024,2048').split(',').map(Number);
const lossName = option('loss', 'supcon');
const reference = { 128: 8, 512: 31, 1024: 126, 2048: 716 };
const views = 2;
const dim = 128;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function makeLoss() {
  if (lossName === 'ntxent') {
    const loss = new losses.NTXentLoss({ temperature: 0.1, validate: false });
    return (x, labels) => loss.compute(tf.reshape(tf.transpose(x, [1, 0, 2]), [-1, dim]), { labels: tf.tile(labels, [views]) });
  }
  const loss = new losses.SupConLoss({ temperature: 0.1, validate: false });
  return (x, labels) => loss.compute(x, { labels });
}

/** Median wall time of value + gradient, including the download of both (forces the backend to finish). */
function time(batch) {
  const x = tf.tidy(() => {
    const r = tf.randomNormal([batch, views, dim], 0, 1, 'float32', 3);
    return tf.div(r, tf.norm(r, 'euclidean', -1, true));
  });
  const labels = tf.randomUniform([batch], 0, 10, 'int32', 5);
  const lossFn = makeLoss();
  const step = tf.valueAndGrad((f) => lossFn(f, labels));
  const once = () => {
    const start = performance.now();
    const { value, grad } = step(x);
    value.dataSync();
    grad.dataSync();
    tf.dispose([value, grad]);
    return performance.now() - start;
  };
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) once(); // warm-ups: kernel set-up, JIT, wasm heap growth
  const ms = median(Array.from({ length: repeats }, once));
  const leaked = tf.memory().numTensors - before;
  tf.dispose([x, labels]);
  return { ms, leaked };
}

async function main() {
  const rows = [];
  for (const backend of backends) {
    if (!(await tf.setBackend(backend))) {
      console.log(`backend ${backend} unavailable, skipped`);
      continue;
    }
    await tf.ready();
    let previous;
    for (const batch of sizes) {
      const { ms, leaked } = time(batch);
      rows.push({
        backend,
        B: batch,
        'rows BV': batch * views,
        'median ms': ms.toFixed(1),
        'x previous size': previous ? (ms / previous).toFixed(2) : '',
        'PyTorch ms': reference[batch] ?? '',
        'x PyTorch': reference[batch] ? (ms / reference[batch]).toFixed(2) : '',
        leaked,
      });
      previous = ms;
      const row = rows[rows.length - 1];
      console.log(`${backend} B=${batch}: ${row['median ms']} ms (x${row['x previous size'] || '-'} previous size, x${row['x PyTorch']} PyTorch)`);
    }
  }
  console.log(`${lossName} fwd+bwd, V=${views}, D=${dim}: median of ${repeats} runs after 3 warm-ups (tfjs ${tf.version_core}, node ${process.version})`);
  console.table(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
