#!/usr/bin/env node
// Augmentation throughput: a batch of 256 images -> 2 views, per preset, on the wasm and cpu backends.
// Loads the built package: run `npx nx run @contrastive/augment:build` first.
// Usage: node tools/bench/augment.js [--repeats N] [--backends wasm,cpu] [--breakdown]
// Figures are indicative (shared CPU); a training step of the seeds' CNN is ~150-300 ms, so an augmented batch
// should cost well under that (or be prefetched while the step runs).
const tf = require('@tensorflow/tfjs-core');
const { printMarkdownTable } = require('./lib/markdown-table');
require('@tensorflow/tfjs-backend-cpu');
require('@tensorflow/tfjs-backend-wasm');
const { SeededRandom } = require('../../packages/core/dist');
const augment = require('../../packages/augment/dist');

const { args, option } = require('./lib/options').benchOptions();
const repeats = Number(option('repeats', 7));
const backends = option('backends', 'wasm,cpu').split(',');
const breakdown = args.includes('--breakdown');

const cases = [
  { name: 'mnist 256x28x28x1, 2 views', shape: [256, 28, 28, 1], pipeline: () => augment.mnistPreset() },
  { name: 'supcon-cifar 256x32x32x3, 2 views', shape: [256, 32, 32, 3], pipeline: () => augment.supconCifarPreset() },
  { name: 'simclr 256x32x32x3, 2 views', shape: [256, 32, 32, 3], pipeline: () => augment.simclrPreset() },
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time of `run()` including the download of its result (forces the backend to finish). */
function time(run) {
  const rng = new SeededRandom(1);
  const once = () => {
    const start = performance.now();
    const out = run(rng);
    out.dataSync();
    out.dispose();
    return performance.now() - start;
  };
  once(); // warm-ups: kernel compilation, wasm heap growth, first allocations
  once();
  return median(Array.from({ length: repeats }, once));
}

async function main() {
  const rows = [];
  for (const backend of backends) {
    if (!(await tf.setBackend(backend))) {
      console.log(`backend ${backend} unavailable, skipped`);
      continue;
    }
    await tf.ready();
    for (const c of cases) {
      const x = tf.randomUniform(c.shape, 0, 1, 'float32', 7);
      const pipeline = c.pipeline();
      const multiView = new augment.MultiView(pipeline, 2);
      const before = tf.memory().numTensors;
      const ms = time((rng) => multiView.apply(x, rng));
      const leaked = tf.memory().numTensors - before;
      rows.push({ backend, case: c.name, 'median ms': ms.toFixed(1), 'images/s': Math.round((2 * c.shape[0] * 1000) / ms), leaked });
      if (breakdown) {
        for (const step of pipeline.steps) {
          const stepMs = time((rng) => step.apply(x, rng));
          rows.push({ backend, case: `  ${step.name} (1 view)`, 'median ms': stepMs.toFixed(1), 'images/s': '', leaked: '' });
        }
      }
      x.dispose();
    }
  }
  console.log(`augment: median of ${repeats} runs after 2 warm-ups (tfjs ${tf.version_core}, node ${process.version})`);
  printMarkdownTable(['backend', 'case', 'median ms', 'images/s', 'leaked'], rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
