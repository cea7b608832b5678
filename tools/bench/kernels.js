#!/usr/bin/env node
// Per-kernel time (tf.profile) of one training step of the seeds' MNIST CNN on wasm, with
// tfjs' built-in kernels vs @contrastive/backend's (not a test). Same step as train-step.js:
// conv 3x3x16 - relu - maxpool 2 - conv 3x3x32 - relu - maxpool 2 - fc 128 relu - linear 128,
// L2-normalised, batch 256 x 2 views, SupCon (or a stated stand-in), SGD.
// "built-in" still uses our kernels where wasm has none (Conv2DBackpropFilter and the depthwise
// filter/input gradients), since the step cannot run otherwise; those rows are marked.
// Composed kernels run ordinary ops, which tf.profile records too (nested): a composed
// Conv2DBackpropInput's time also shows up under Conv2D, Transpose, Reverse... so columns are
// not additive; the step's wall time is measured separately.
// Loads built packages: `npx nx run @contrastive/backend:build` (and losses) first.
// Usage: node tools/bench/kernels.js [--steps 3] [--top 25] [--threads 1]
const tf = require('@tensorflow/tfjs-core');
const backend = require('../../packages/backend/dist');

let losses;
try {
  losses = require('../../packages/losses/dist');
} catch {
  losses = undefined;
}

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const steps = Number(option('steps', 3));
const top = Number(option('top', 25));
const threads = Number(option('threads', 1));
const batch = 256;
const views = 2;

function model() {
  let seed = 1;
  const he = (shape, fanIn) =>
    tf.variable(tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed++), Math.sqrt(2 / fanIn)));
  const w = {
    c1: he([3, 3, 1, 16], 9),
    b1: tf.variable(tf.zeros([16])),
    c2: he([3, 3, 16, 32], 144),
    b2: tf.variable(tf.zeros([32])),
    f1: he([7 * 7 * 32, 128], 7 * 7 * 32),
    g1: tf.variable(tf.zeros([128])),
    h: he([128, 128], 128),
    hb: tf.variable(tf.zeros([128])),
  };
  const embed = (x) => {
    let y = tf.relu(tf.add(tf.conv2d(x, w.c1, 1, 'same'), w.b1));
    y = tf.maxPool(y, 2, 2, 'valid');
    y = tf.relu(tf.add(tf.conv2d(y, w.c2, 1, 'same'), w.b2));
    y = tf.maxPool(y, 2, 2, 'valid');
    y = tf.relu(tf.add(tf.matMul(tf.reshape(y, [y.shape[0], -1]), w.f1), w.g1));
    const z = tf.add(tf.matMul(y, w.h), w.hb);
    return tf.div(z, tf.maximum(tf.norm(z, 'euclidean', 1, true), 1e-12));
  };
  return { w, embed };
}

function makeLoss() {
  if (losses && losses.SupConLoss) {
    const supcon = new losses.SupConLoss({ temperature: 0.1 });
    return { name: 'SupCon (@contrastive/losses)', fn: (f, labels) => supcon.compute(f, { labels }) };
  }
  // Stand-in: mean squared distance between the two views (pulls positives together).
  return {
    name: 'stand-in: mean squared distance between views (@contrastive/losses not built)',
    fn: (f) =>
      tf.mean(
        tf.sum(
          tf.square(tf.sub(tf.slice(f, [0, 0, 0], [-1, 1, -1]), tf.slice(f, [0, 1, 0], [-1, 1, -1]))),
          2,
        ),
      ),
  };
}

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

  const names = [...new Set([...base.perKernel.keys(), ...mine.perKernel.keys()])];
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
  console.log('| kernel | calls | tfjs built-in ms | @contrastive/backend ms | note |');
  console.log('|---|---|---|---|---|');
  for (const name of names.slice(0, top)) {
    const b = base.perKernel.get(name);
    const m = mine.perKernel.get(name);
    const note = missing.includes(name)
      ? 'no wasm built-in: ours in both columns'
      : replaced.has(name)
        ? 'replaced by ours'
        : '';
    console.log(
      `| ${name} | ${(m ?? b).calls.toFixed(0)} | ${b ? b.ms.toFixed(1) : '-'} | ${m ? m.ms.toFixed(1) : '-'} | ${note} |`,
    );
  }
  console.log(
    `| step wall time (profiled, median) | | ${base.wall.toFixed(0)} | ${mine.wall.toFixed(0)} | |`,
  );
  console.log('Composed kernels run ordinary ops that tf.profile also records: rows are not additive.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
