#!/usr/bin/env node
// Memory over a long run (not a test): --steps (default 1000) SGD steps of the seeds' MNIST CNN with SupCon
// (lib/seed-cnn-step.js, the step train-step.js times) on wasm, selected through useBackend (so the
// project's and any native kernels are in the loop). Each step gets a fresh batch tensor from JS
// memory, as a data loader gives it, and disposes it.
// Every --every steps it collects garbage (so RSS shows what is retained, not what V8 has yet to collect;
// --no-gc samples as is), samples RSS, the JS heap, the wasm heap and tf.memory(), and ends with a verdict:
// FLAT when numTensors/numBytes are identical from the end of warm-up (--warmup steps) on and RSS grew by
// less than --rss-tolerance % since then; GROWING otherwise. It measures, so it exits 0 either way.
// The default batch (64 x 2 views) keeps 1000 steps to a few minutes; --batch 256 is the real step.
// Loads the built packages: run `npx nx run-many -t build` first.
// Usage: node tools/bench/soak.js [--steps 1000] [--batch 64] [--every 50] [--warmup 100] [--rss-tolerance 5] [--no-gc]
const v8 = require('v8');
const vm = require('vm');
const tf = require('@tensorflow/tfjs-core');
const backend = require('../../packages/backend/dist');
const { makeWeights, makeLoss, makeSgdStep } = require('./lib/seed-cnn-step');
const { markdownHeader, markdownRow } = require('./lib/markdown-table');

const { args, option } = require('./lib/options').benchOptions();
const steps = Number(option('steps', 1000));
const batch = Number(option('batch', 64));
const every = Number(option('every', 50));
const warmup = Number(option('warmup', 100));
const rssTolerancePercent = Number(option('rss-tolerance', 5));
const collectGarbage = !args.includes('--no-gc');
const views = 2;
const classes = 10;
// A few distinct batches, cycled: the model sees varying data without paying for random numbers each step.
const distinctBatches = 4;

const MB = 1024 * 1024;

/** Input batches as plain JS arrays, like a data loader's. */
function makeBatchData() {
  return Array.from({ length: distinctBatches }, (_, i) =>
    tf.tidy(() => tf.randomUniform([batch, views, 28, 28, 1], 0, 1, 'float32', 100 + i).dataSync()),
  );
}

function wasmHeapBytes() {
  return tf.backend().wasm?.HEAPU8?.buffer.byteLength;
}

/** V8's gc() without needing `node --expose-gc` (run.js starts plain `node soak.js`). */
function exposedGc() {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}

function sample(step, msPerStep, loss) {
  const memory = tf.memory();
  const usage = process.memoryUsage();
  const wasmHeap = wasmHeapBytes();
  return {
    step,
    'rss MB': (usage.rss / MB).toFixed(1),
    'JS heap MB': (usage.heapUsed / MB).toFixed(1),
    'wasm heap MB': wasmHeap === undefined ? '-' : (wasmHeap / MB).toFixed(1),
    numTensors: memory.numTensors,
    numBytes: memory.numBytes,
    'ms/step': msPerStep === undefined ? '-' : msPerStep.toFixed(1),
    loss: loss === undefined ? '-' : loss.toFixed(4),
    rss: usage.rss,
  };
}

/** FLAT / GROWING lines from the samples taken at or after warm-up. */
function verdict(samples) {
  const settled = samples.filter((s) => s.step >= warmup);
  const base = settled[0];
  const end = settled[settled.length - 1];
  const tensorsFlat = settled.every((s) => s.numTensors === base.numTensors && s.numBytes === base.numBytes);
  const rssGrowth = end.rss - base.rss;
  const rssPercent = (100 * rssGrowth) / base.rss;
  const rssFlat = rssPercent < rssTolerancePercent;
  const peakRssMb = process.resourceUsage().maxRSS / 1024; // kilobytes
  const tensorsLine = tensorsFlat
    ? `tensors: FLAT (${base.numTensors} tensors, ${base.numBytes} bytes at every sample from step ${base.step} to ${end.step})`
    : `tensors: GROWING (${base.numTensors} -> ${end.numTensors} tensors, ${base.numBytes} -> ${end.numBytes} bytes from step ${base.step} to ${end.step})`;
  const rssLine =
    `RSS: ${rssFlat ? 'FLAT' : 'GROWING'} (${rssGrowth >= 0 ? '+' : ''}${(rssGrowth / MB).toFixed(1)} MB, ` +
    `${rssPercent >= 0 ? '+' : ''}${rssPercent.toFixed(1)} % from step ${base.step} to ${end.step}; tolerance ${rssTolerancePercent} %); ` +
    `peak RSS ${peakRssMb.toFixed(1)} MB`;
  return [tensorsLine, rssLine, `Verdict: ${tensorsFlat && rssFlat ? 'FLAT' : 'GROWING'}`];
}

async function main() {
  if (!(warmup < steps)) throw new Error(`--warmup (${warmup}) must be below --steps (${steps})`);
  const gc = collectGarbage ? exposedGc() : () => undefined;
  let backendLine = '';
  await backend.useBackend('wasm', { log: (line) => (backendLine = line) });
  const loss = makeLoss();
  const weights = makeWeights();
  const optimizer = tf.train.sgd(0.05);
  const sgdStep = makeSgdStep(weights, optimizer, loss);
  const batches = makeBatchData();
  const labels = tf.tensor1d(
    Array.from({ length: batch }, (_, i) => i % classes),
    'int32',
  );

  console.log(
    `Soak: ${steps} SGD steps of the seed CNN, batch ${batch} x ${views} views (28x28x1), loss: ${loss.name}, ` +
      `sampled every ${every} steps${collectGarbage ? ' after a full GC' : ' (no GC forced)'} (tfjs ${tf.version_core}, node ${process.version})`,
  );
  console.log(backendLine);
  const columns = [
    'step',
    'rss MB',
    'JS heap MB',
    'wasm heap MB',
    'numTensors',
    'numBytes',
    'ms/step',
    'loss',
  ];
  for (const line of markdownHeader(columns)) console.log(line);
  gc();
  const samples = [sample(0)];
  console.log(markdownRow(columns, samples[0]));
  let since = performance.now();
  for (let step = 1; step <= steps; step++) {
    const x = tf.tensor(batches[step % distinctBatches], [batch, views, 28, 28, 1]);
    const value = await sgdStep(x, labels);
    x.dispose();
    if (step % every === 0 || step === steps) {
      const now = performance.now();
      gc();
      const s = sample(step, (now - since) / (step - samples[samples.length - 1].step), value);
      samples.push(s);
      console.log(markdownRow(columns, s));
      since = performance.now();
    }
  }
  for (const line of verdict(samples)) console.log(line);
  tf.dispose([labels, ...Object.values(weights)]);
  optimizer.dispose();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
