#!/usr/bin/env node
// Each kernel our WebAssembly SIMD build replaces, at the seed CNN's shapes (batch 256 x 2 views =
// 512 images), on wasm with and without the SIMD kernels (not a test). The two run interleaved,
// call by call, so load on a shared machine hits both alike; the table gives the median wall
// time and the median process CPU time per call (single-threaded wasm: CPU time is the work,
// whatever else runs), and GFLOP/s for the convolutions. Every SIMD kernel runs (`simd: 'all'`),
// the forward convolutions too, which useBackend leaves to XNNPACK by default (`auto`) because
// they measured level with it: this table is what that choice rests on. "without" is what wasm ran before:
// tfjs' XNNPACK Conv2D, @contrastive/backend's composed gradients, max-pool gradient and Sum.
// Loads the built packages (npx nx run @contrastive/backend:build).
// With --threads 2, wasm runs tfjs' threaded build and the SIMD kernels split the images across
// as many threads (CPU time then adds up both threads' work: compare wall times on an idle machine).
// Usage: node tools/bench/simd-kernels.js [--repeats 7] [--batch 512] [--threads 1]
const tf = require('@tensorflow/tfjs-core');
const backend = require('../../packages/backend/dist');
const { median } = require('./lib/median');
const { printMarkdownTable } = require('./lib/markdown-table');

const { option } = require('./lib/options').benchOptions();
const repeats = Number(option('repeats', 7));
const n = Number(option('batch', 512));
const threads = Number(option('threads', 1));

const conv = {
  strides: [1, 1],
  pad: 'same',
  dataFormat: 'NHWC',
  dilations: [1, 1],
  dimRoundingMode: undefined,
};
const pool = { filterSize: [2, 2], strides: [2, 2], pad: 'valid', dimRoundingMode: undefined };
const CASES = [
  [
    'Conv2D',
    'conv 1: 28x28x1 -> 16',
    { x: [n, 28, 28, 1], filter: [3, 3, 1, 16] },
    conv,
    2 * n * 28 * 28 * 16 * 9,
  ],
  [
    'Conv2D',
    'conv 2: 14x14x16 -> 32',
    { x: [n, 14, 14, 16], filter: [3, 3, 16, 32] },
    conv,
    2 * n * 14 * 14 * 32 * 9 * 16,
  ],
  [
    'Conv2DBackpropFilter',
    'conv 1',
    { x: [n, 28, 28, 1], dy: [n, 28, 28, 16] },
    { ...conv, filterShape: [3, 3, 1, 16] },
    2 * n * 28 * 28 * 16 * 9,
  ],
  [
    'Conv2DBackpropFilter',
    'conv 2',
    { x: [n, 14, 14, 16], dy: [n, 14, 14, 32] },
    { ...conv, filterShape: [3, 3, 16, 32] },
    2 * n * 14 * 14 * 32 * 9 * 16,
  ],
  [
    'Conv2DBackpropInput',
    'conv 2',
    { dy: [n, 14, 14, 32], filter: [3, 3, 16, 32] },
    { ...conv, inputShape: [n, 14, 14, 16] },
    2 * n * 14 * 14 * 32 * 9 * 16,
  ],
  ['MaxPoolGrad', 'pool 1: 28x28x16', { dy: [n, 14, 14, 16], input: [n, 28, 28, 16] }, pool, 0],
  ['MaxPoolGrad', 'pool 2: 14x14x32', { dy: [n, 7, 7, 32], input: [n, 14, 14, 32] }, pool, 0],
  [
    'Sum',
    'bias 1: over N, H, W of 28x28x16',
    { x: [n, 28, 28, 16] },
    { axis: [0, 1, 2], keepDims: false },
    0,
  ],
  [
    'Sum',
    'bias 2: over N, H, W of 14x14x32',
    { x: [n, 14, 14, 32] },
    { axis: [0, 1, 2], keepDims: false },
    0,
  ],
];

/**
 * One call on fresh copies of the inputs, as in training, where every step's tensors are new:
 * XNNPACK caches what it packs per tensor (a reused input would hide that cost).
 */
function timeCall(kernel, inputs, attrs) {
  const fresh = Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, tf.add(t, 0)]));
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const out = tf.engine().runKernel(kernel, fresh, attrs); // synchronous on wasm
  const used = process.cpuUsage(cpu);
  const ms = Number(process.hrtime.bigint() - wall) / 1e6;
  tf.dispose([out, ...Object.values(fresh)]);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

async function main() {
  const lines = [];
  const use = (simd) =>
    backend.useBackend('wasm', { native: 'off', simd, threads, log: (line) => lines.push(line) });
  await use('all');
  const rows = [];
  for (const [kernel, label, shapes, attrs, flops] of CASES) {
    const inputs = Object.fromEntries(
      Object.entries(shapes).map(([name, shape], i) => [
        name,
        tf.randomUniform(shape, -1, 1, 'float32', i + 1),
      ]),
    );
    // MaxPoolGrad also takes the pooled output (the composed kernel reads it).
    if (kernel === 'MaxPoolGrad') inputs.output = tf.maxPool(inputs.input, 2, 2, 'valid');
    const timings = { off: [], all: [] };
    for (let r = 0; r <= repeats; r++) {
      for (const mode of ['off', 'all']) {
        await use(mode);
        const t = timeCall(kernel, inputs, attrs);
        if (r > 0) timings[mode].push(t); // the first of each is a warm-up
      }
    }
    tf.dispose(Object.values(inputs));
    const summary = (list) => ({
      ms: median(list.map((t) => t.ms)),
      cpuMs: median(list.map((t) => t.cpuMs)),
    });
    const before = summary(timings.off);
    const after = summary(timings.all);
    rows.push({
      kernel,
      shape: label,
      'without ms (cpu ms)': `${before.ms.toFixed(1)} (${before.cpuMs.toFixed(1)})`,
      'simd ms (cpu ms)': `${after.ms.toFixed(1)} (${after.cpuMs.toFixed(1)})`,
      speed_up: `${(before.cpuMs / after.cpuMs).toFixed(2)}x`,
      'GFLOP/s without -> simd': flops
        ? `${(flops / before.cpuMs / 1e6).toFixed(1)} -> ${(flops / after.cpuMs / 1e6).toFixed(1)}`
        : '-',
    });
  }
  console.log(
    `SIMD kernels vs what wasm ran before, seed CNN shapes, batch ${n}, ${threads} wasm thread(s), median of ${repeats} interleaved calls`,
  );
  console.log(lines.find((line) => /simd kernels: WebAssembly/.test(line)) ?? lines[0]);
  console.log(
    `load average: ${require('os')
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${require('os').cpus().length} cores (speed-up from CPU time)`,
  );
  printMarkdownTable(
    ['kernel', 'shape', 'without ms (cpu ms)', 'simd ms (cpu ms)', 'speed_up', 'GFLOP/s without -> simd'],
    rows,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
