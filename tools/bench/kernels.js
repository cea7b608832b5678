#!/usr/bin/env node
// Per-kernel time (tf.profile) of one training step of the seeds' MNIST CNN on wasm, with
// tfjs' built-in kernels vs @contrastive/backend's composed kernels vs those plus our WebAssembly
// SIMD kernels vs all of them plus @contrastive/backend-native's oneDNN kernels when they are
// built (not a test). Same step as train-step.js:
// conv 3x3x16 - relu - maxpool 2 - conv 3x3x32 - relu - maxpool 2 - fc 128 relu - linear 128,
// L2-normalised, batch 256 x 2 views, SupCon (or a stated stand-in), SGD.
// "built-in" still uses our kernels where wasm has none (Conv2DBackpropFilter and the depthwise
// filter/input gradients), since the step cannot run otherwise; those rows are marked.
// Composed kernels run ordinary ops, which tf.profile records too (nested): a composed
// Conv2DBackpropInput's time also shows up under Conv2D, Transpose, Reverse... so columns are
// not additive; the step's wall time is measured separately.
// Loads built packages: `npx nx run @contrastive/backend:build` (and losses, backend-native) first.
// Usage: node tools/bench/kernels.js [--steps 3] [--top 25] [--threads 1]
const tf = require('@tensorflow/tfjs-core');
const backend = require('../../packages/backend/dist');

const { makeWeights, embed: embedWith, makeLoss } = require('./lib/seed-cnn-step');

/** The step's weights and forward pass, as in train-step.js. */
function model() {
  const w = makeWeights();
  return { w, embed: (x) => embedWith(w, x) };
}

const { option } = require('./lib/options').benchOptions();
const steps = Number(option('steps', 3));
const top = Number(option('top', 25));
const threads = Number(option('threads', 1));
const batch = 256;
const views = 2;

async function profileSteps(loss) {
  const { w, embed } = model();
  const optimizer = tf.train.sgd(0.05);
  const x = tf.randomUniform([batch * views, 28, 28, 1], 0, 1, 'float32', 7);
  const labels = tf.tensor1d(
    Array.from({ length: batch }, (_, i) => i % 10),
    'int32',
  );
  const step = () => {
    const cost = optimizer.minimize(
      () => loss.fn(tf.reshape(embed(x), [batch, views, 128]), labels),
      true,
      Object.values(w),
    );
    cost.dataSync();
    cost.dispose();
  };
  step(); // warm-up
  const perKernel = new Map();
  const walls = [];
  for (let i = 0; i < steps; i++) {
    const start = process.hrtime.bigint();
    const info = await tf.profile(step);
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    for (const k of info.kernels) {
      const entry = perKernel.get(k.name) ?? { ms: 0, calls: 0 };
      entry.ms += k.kernelTimeMs / steps;
      entry.calls += 1 / steps;
      perKernel.set(k.name, entry);
    }
  }
  tf.dispose([x, labels, ...Object.values(w)]);
  optimizer.dispose();
  walls.sort((a, b) => a - b);
  return { perKernel, wall: walls[walls.length >> 1] };
}

async function main() {
  const loss = makeLoss();
  if (threads > 1) backend.enableWasmThreads(threads);
  await tf.setBackend('wasm');
  const ours = backend.TRAINING_KERNELS.filter((k) => k.backends.includes('wasm'));
  const builtIn = new Map(ours.map((k) => [k.kernelName, tf.getKernel(k.kernelName, 'wasm')]));
  const missing = ours.filter((k) => !builtIn.get(k.kernelName)).map((k) => k.kernelName);
  // Built-ins run: ours only where wasm has no kernel at all.
  backend.registerTrainingKernels(
    'wasm',
    ours.filter((k) => missing.includes(k.kernelName)),
  );
  const base = await profileSteps(loss);
  // Ours: every training kernel (restore the built-ins first, so wrappers wrap tfjs' own).
  backend.registerTrainingKernels('wasm');
  const mine = await profileSteps(loss);
  // Plus our WebAssembly SIMD kernels (simd/*.c), as useBackend registers them on wasm.
  const simd = await backend.useSimdKernels(tf.backend());
  const withSimd = simd.used ? await profileSteps(loss) : undefined;
  const simdNames = new Set(simd.used ? simd.kernels : []);
  // Ours plus @contrastive/backend-native's oneDNN kernels on top, when they are built.
  const native = backend.loadNativeKernels();
  let withNative;
  if (native.available) {
    backend.registerTrainingKernels('wasm', native.kernels);
    withNative = await profileSteps(loss);
  }
  const nativeNames = new Set(native.available ? native.kernels.map((k) => k.kernelName) : []);

  const names = [
    ...new Set([...base.perKernel.keys(), ...mine.perKernel.keys(), ...(withSimd?.perKernel.keys() ?? []), ...(withNative?.perKernel.keys() ?? [])]),
  ];
  names.sort((a, b) => (base.perKernel.get(b)?.ms ?? 0) - (base.perKernel.get(a)?.ms ?? 0));
  const replaced = new Set(ours.map((k) => k.kernelName));
  console.log(
    `Per-kernel time of one CNN training step on wasm (${threads} thread(s)), mean of ${steps} profiled steps`,
  );
  console.log(`batch ${batch} x ${views} views, 28x28x1, SGD, loss: ${loss.name}`);
  console.log(
    `load average: ${require('os')
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${require('os').cpus().length} cores (shared box: indicative)`,
  );
  console.log(simd.used ? `simd: WebAssembly SIMD kernels (${simd.threads} thread)` : `simd: not used (${simd.reason})`);
  console.log(
    native.available
      ? `native: ${native.info.library} ${native.info.version} (${native.info.threads} threads, ${native.info.isa})`
      : `native: not available (${native.reason})`,
  );
  console.log('| kernel | calls | tfjs built-in ms | @contrastive/backend ms | + simd ms | + backend-native ms | note |');
  console.log('|---|---|---|---|---|---|---|');
  for (const name of names.slice(0, top)) {
    const b = base.perKernel.get(name);
    const m = mine.perKernel.get(name);
    const s = withSimd?.perKernel.get(name);
    const n = withNative?.perKernel.get(name);
    const note = [
      missing.includes(name) ? 'no wasm built-in: ours in the first two columns' : replaced.has(name) ? 'replaced by ours' : '',
      simdNames.has(name) ? 'simd' : '',
      nativeNames.has(name) ? 'native' : '',
    ]
      .filter(Boolean)
      .join('; ');
    const ms = (entry) => (entry ? entry.ms.toFixed(1) : '-');
    console.log(`| ${name} | ${(n ?? s ?? m ?? b).calls.toFixed(0)} | ${ms(b)} | ${ms(m)} | ${ms(s)} | ${ms(n)} | ${note} |`);
  }
  console.log(
    `| step wall time (profiled, median) | | ${base.wall.toFixed(0)} | ${mine.wall.toFixed(0)} | ${withSimd ? withSimd.wall.toFixed(0) : '-'} | ${withNative ? withNative.wall.toFixed(0) : '-'} | |`,
  );
  console.log('Composed kernels run ordinary ops that tf.profile also records: rows are not additive.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
