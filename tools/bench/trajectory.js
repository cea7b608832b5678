#!/usr/bin/env node
// Whether our SupCon training follows PyTorch's step for step at full size (not a test): the seeds'
// CNN + MLP head (init 'torch', input standardised inside the model) from PyTorch's initial weights,
// on the same fixed batches of 256 embedded Fashion-MNIST images, each with the image and its mirror
// image as views (no random augmentation), SGD lr 0.05 momentum 0.9 weight decay 1e-4, per-step
// cosine to 0. tools/bench/pytorch/trajectory.py trains its side first and hands over the weights.
// Prints both loss curves and their largest difference. Run `npm run build` first.
// Usage: node tools/bench/trajectory.js [--steps 30] [--backend wasm]
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const tf = require('@tensorflow/tfjs-core');
const { useBackend, describeBackend } = require('../../packages/backend/dist');
const { createDefaultRegistry } = require('../../packages/cli/dist');
const { buildContrastiveModel, writeWeight } = require('../../packages/encoders/dist');
const { loadFashionMnistEmbedded, toBatch } = require('../../packages/datasets/dist');
const { SupConLoss } = require('../../packages/losses/dist');
const { InBatch } = require('../../packages/memory/dist');
const { ContrastiveTrainer, SgdOptimizer, WarmupCosineSchedule } = require('../../packages/trainers/dist');
const { printMarkdownTable } = require('./lib/markdown-table');
const { pythonPath } = require('./lib/pytorch-reference');
const { exportSplits } = require('./lib/npy');

const { option } = require('./lib/options').benchOptions();
const steps = Number(option('steps', 30));

function pytorchSide(dataDir) {
  const script = path.join(__dirname, 'pytorch', 'trajectory.py');
  const result = spawnSync(pythonPath(), [script, dataDir, dataDir, String(steps)], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS || '2' },
  });
  if (result.status !== 0)
    throw new Error(`trajectory.py exited with ${result.status}: ${result.stderr.trim().split('\n').pop()}`);
  return {
    losses: JSON.parse(result.stdout.trim().split('\n').pop()),
    init: JSON.parse(fs.readFileSync(path.join(dataDir, 'init.json'), 'utf8')),
  };
}

async function ourSide(dataset, init) {
  const model = buildContrastiveModel(createDefaultRegistry(), {
    encoder: { id: 'seed-cnn', options: { init: 'torch', normalize: { mean: [0.286], std: [0.353] } } },
    head: { id: 'mlp', options: { outputDim: 128, init: 'torch' } },
    inputShape: dataset.train.exampleShape,
  });
  model.trainableWeights.forEach((weight, i) => {
    const value = tf.tensor(init.weights[i], weight.shape);
    writeWeight(weight, value);
    value.dispose();
  });
  const batches = Array.from({ length: steps }, (_, s) =>
    Int32Array.from(init.order.slice(s * 256, (s + 1) * 256)),
  );
  const source = {
    size: dataset.train.size,
    stepsPerEpoch: steps,
    epochBatches: () => batches,
    batch: (i) => toBatch(dataset.train, i),
  };
  let calls = 0; // MultiView asks for view 1, then view 2: the image, then its mirror image
  const imageThenMirror = {
    name: 'ImageThenMirror',
    apply: (x) => (calls++ % 2 === 0 ? tf.clone(x) : tf.reverse(x, 2)),
  };
  const optimizer = new SgdOptimizer({
    momentum: 0.9,
    weightDecay: 1e-4,
    nesterov: false,
    decayBiasAndNorm: true,
  });
  const parts = {
    model,
    augment: imageThenMirror,
    strategy: new InBatch(),
    loss: new SupConLoss({ temperature: 0.1, baseTemperature: 0.1 }),
    optimizer,
    schedule: new WarmupCosineSchedule({
      learningRate: 0.05,
      warmupEpochs: 0,
      warmupFrom: 0,
      minLearningRate: 0,
    }),
  };
  const history = await new ContrastiveTrainer().train(parts, { data: source, epochs: 1 }, { views: 2, seed: 0 });
  optimizer.dispose();
  model.dispose();
  return history.loss;
}

async function main() {
  await useBackend(option('backend', 'wasm'), { quiet: true });
  const dataset = loadFashionMnistEmbedded();
  const dir = exportSplits(dataset);
  try {
    const torch = pytorchSide(dir);
    const ours = await ourSide(dataset, torch.init);
    const rows = ours.map((loss, step) => ({
      step,
      PyTorch: torch.losses[step].toFixed(5),
      contrastive: loss.toFixed(5),
      difference: (loss - torch.losses[step]).toExponential(1),
    }));
    console.log(`\nSupCon loss per step from identical weights and batches (${describeBackend()})\n`);
    printMarkdownTable(['step', 'PyTorch', 'contrastive', 'difference'], rows);
    const worst = Math.max(...ours.map((loss, step) => Math.abs(loss - torch.losses[step])));
    console.log(`\nlargest difference over ${steps} steps: ${worst.toExponential(2)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
