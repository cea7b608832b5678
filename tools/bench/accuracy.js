#!/usr/bin/env node
// The seeds' SupCon recipe side by side with PyTorch (tools/bench/pytorch/accuracy.py), same data,
// same recipe: seed CNN + MLP head 128-128-128, batch 256 x 2 views, pad-2 random crop + horizontal
// flip, SGD lr 0.05 momentum 0.9 weight decay 1e-4, cosine to 0 per step, SupCon t = 0.1; the
// cross-entropy baseline on the same budget; a linear probe (Adam 0.01, batch 256) on the frozen
// features of each and of a random encoder. Not a test and not part of `run.js`'s default list:
// a full-data run takes tens of minutes.
// Loads the built packages: `npm run build` first.
// Usage: node tools/bench/accuracy.js [--data embedded|full] [--dir <fashion-mnist IDX dir>]
//   [--epochs 3] [--seeds 0,1] [--train-per-class N (embedded: the first N training images of each class)] [--probe-epochs 10] [--sides ours,pytorch] [--encoders supcon,ce,random]
//   The ablation switches, each applied to both sides (defaults: the reference recipe):
//   [--init torch|he] [--input standardised|raw] [--pad-fill black|mean] [--probe-scaling standardise|none]
//   [--decay-bias yes|no] [--nesterov] [--channels 16,32] [--features 128]
//   [--json <file>]  also write every result as JSON
// --data full looks for the IDX files in --dir, else where @contrastive/datasets-node does
// ($CONTRASTIVE_FASHION_MNIST_DIR, its cache, Debian's dataset-fashion-mnist in /usr/share/datasets).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { useBackend, describeBackend } = require('../../packages/backend/dist');
const { createDefaultRegistry } = require('../../packages/cli/dist');
const { parseExperimentConfig } = require('../../packages/core/dist');
const { Experiment, LinearProbeEvaluator, defaultModelBuilder } = require('../../packages/trainers/dist');
const { loadFashionMnistEmbedded } = require('../../packages/datasets/dist');
const { loadFashionMnist } = require('../../packages/datasets-node/dist');
const { printMarkdownTable } = require('./lib/markdown-table');
const { pythonPath } = require('./lib/pytorch-reference');
const { exportSplits } = require('./lib/npy');

const { args, option } = require('./lib/options').benchOptions();
const recipe = {
  data: option('data', 'embedded'),
  epochs: Number(option('epochs', 3)),
  probeEpochs: Number(option('probe-epochs', 10)),
  init: option('init', 'torch'),
  input: option('input', 'standardised'),
  padFill: option('pad-fill', 'black'),
  probeScaling: option('probe-scaling', 'standardise'),
  decayBias: option('decay-bias', 'yes'),
  nesterov: args.includes('--nesterov'),
  channels: option('channels', '16,32').split(',').map(Number),
  features: Number(option('features', 128)),
  encoders: option('encoders', 'supcon,ce,random').split(','),
};
const seeds = option('seeds', '0').split(',').map(Number);
const sides = option('sides', 'ours,pytorch').split(',');
// Fashion-MNIST training-set pixel statistics in [0, 1] (torchvision's usual Normalize values).
const MEAN = 0.286;
const STD = 0.353;

async function loadData() {
  if (recipe.data === 'embedded') {
    const trainPerClass = option('train-per-class', undefined);
    return loadFashionMnistEmbedded(trainPerClass ? { trainPerClass: Number(trainPerClass) } : {});
  }
  if (recipe.data !== 'full') throw new Error(`--data must be embedded or full, got ${recipe.data}`);
  const dir = option('dir', undefined);
  return dir ? loadFashionMnist({ dir }) : loadFashionMnist({ download: false });
}

/** The recipe as an experiment config of the CLI. */
function ourConfig(seed) {
  const normalize = recipe.input === 'standardised' && recipe.padFill === 'black';
  return parseExperimentConfig({
    name: 'accuracy',
    seed,
    backend: 'wasm',
    dataset: { id: 'fashion-mnist-embedded' },
    encoder: {
      id: 'seed-cnn',
      options: {
        channels: recipe.channels,
        features: recipe.features,
        init: recipe.init,
        ...(normalize ? { normalize: { mean: [MEAN], std: [STD] } } : {}),
      },
    },
    head: { id: 'mlp', options: { outputDim: 128, init: recipe.init } },
    augment: { id: 'mnist', options: { padding: 2, flip: true } },
    strategy: { id: 'in-batch' },
    loss: { id: 'supcon', options: { temperature: 0.1, baseTemperature: 0.1 } },
    optimizer: {
      id: 'sgd',
      options: {
        momentum: 0.9,
        weightDecay: 1e-4,
        nesterov: recipe.nesterov,
        decayBiasAndNorm: recipe.decayBias === 'yes',
      },
    },
    schedule: {
      id: 'warmup-cosine',
      options: { learningRate: 0.05, warmupEpochs: 0, warmupFrom: 0, minLearningRate: 0 },
    },
    trainer: { id: 'contrastive', options: { supervised: true } },
    pretrain: { epochs: recipe.epochs, batchSize: 256, views: 2 },
    probe: { epochs: recipe.probeEpochs, batchSize: 256, learningRate: 0.01 },
  });
}

/** With --pad-fill mean the data itself is standardised, so the crop pads with the mean (0 after scaling). */
function scaledSplit(split) {
  if (!(recipe.input === 'standardised' && recipe.padFill === 'mean')) return split;
  return { ...split, x: split.x.map((v) => (v - MEAN) / STD) };
}

async function runOurs(dataset, seed) {
  const data = { ...dataset, train: scaledSplit(dataset.train), test: scaledSplit(dataset.test) };
  const config = ourConfig(seed);
  const registry = createDefaultRegistry();
  const experiment = new Experiment(config, registry, data, defaultModelBuilder);
  const out = { accuracy: {}, loss: {}, seconds: {} };
  for (const which of recipe.encoders) {
    const variant = { supcon: 0, random: 1, ce: 2 }[which];
    if (variant === undefined) throw new Error(`unknown encoder ${which}`);
    const model = experiment.buildModel(variant);
    try {
      const start = Date.now();
      const stage = { callbacks: [epochLogger(`ours seed ${seed} ${which}`)] };
      if (which === 'supcon') out.loss.supcon = lastEpochLoss(await experiment.pretrain(model, stage));
      if (which === 'ce') out.loss.ce = lastEpochLoss(await experiment.trainCrossEntropy(model, stage));
      const trained = Date.now();
      const probe = await new LinearProbeEvaluator(model, {
        epochs: config.probe.epochs,
        batchSize: config.probe.batchSize,
        learningRate: config.probe.learningRate,
        seed,
        scaling: recipe.probeScaling,
      }).fit(data.train, data.test);
      probe.probe.dispose();
      out.accuracy[which] = probe.testAccuracy;
      out.seconds[which] = { train: (trained - start) / 1000, probe: (Date.now() - trained) / 1000 };
    } finally {
      model.dispose();
    }
  }
  return out;
}

/** A line on stderr per epoch: full-data runs take a while on a shared machine. */
function epochLogger(what) {
  return {
    onEpochEnd: ({ epoch, meanLoss, elapsedMs }) =>
      console.error(
        `${what}: epoch ${epoch + 1} loss ${meanLoss.toFixed(3)} (${Math.round(elapsedMs / 1000)} s)`,
      ),
  };
}

function lastEpochLoss(history) {
  return history.epochLoss[history.epochLoss.length - 1];
}

function runPytorch(dir, seed) {
  const script = path.join(__dirname, 'pytorch', 'accuracy.py');
  const flags = [
    '--data',
    dir,
    '--seed',
    String(seed),
    '--epochs',
    String(recipe.epochs),
    '--probe-epochs',
    String(recipe.probeEpochs),
    '--init',
    recipe.init,
    '--input',
    recipe.input,
    '--pad-fill',
    recipe.padFill,
    '--probe-scaling',
    recipe.probeScaling,
    '--decay-bias',
    recipe.decayBias,
    '--channels',
    recipe.channels.join(','),
    '--features',
    String(recipe.features),
    '--encoders',
    recipe.encoders.join(','),
    ...(recipe.nesterov ? ['--nesterov'] : []),
  ];
  const result = spawnSync(pythonPath(), [script, ...flags], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS || '2' },
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0)
    throw new Error(`accuracy.py exited with ${result.status}: ${result.stderr.trim().split('\n').pop()}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const pct = (v) => (v === undefined ? '-' : (100 * v).toFixed(1));
const seconds = (s) => (s === undefined ? '-' : `${Math.round(s.train + s.probe)} s`);

async function main() {
  await useBackend('wasm');
  const dataset = await loadData();
  const exported = sides.includes('pytorch') ? exportSplits(dataset) : undefined;
  const rows = [];
  const results = [];
  try {
    for (const seed of seeds) {
      for (const side of sides) {
        const result = side === 'ours' ? await runOurs(dataset, seed) : runPytorch(exported, seed);
        const label =
          side === 'ours'
            ? `contrastive (${describeBackend()})`
            : `PyTorch ${result.torch} (${result.threads} threads)`;
        results.push({ side, seed, recipe, ...result });
        rows.push({
          side: label,
          seed,
          SupCon: pct(result.accuracy.supcon),
          'cross-entropy': pct(result.accuracy.ce),
          random: pct(result.accuracy.random),
          'SupCon loss': result.loss.supcon?.toFixed(3),
          'SupCon time': seconds(result.seconds.supcon),
          'CE time': seconds(result.seconds.ce),
        });
        console.error(JSON.stringify(results[results.length - 1]));
      }
    }
  } finally {
    if (exported) fs.rmSync(exported, { recursive: true, force: true });
  }
  const { data, epochs, probeEpochs, ...switches } = recipe;
  console.log(
    `\nFashion-MNIST ${data} (${dataset.train.size} / ${dataset.test.size}), ${epochs} epochs, probe ${probeEpochs} epochs; ` +
      `${Object.entries(switches)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; load average ${os.loadavg()[0].toFixed(1)}\n`,
  );
  printMarkdownTable(
    ['side', 'seed', 'SupCon', 'cross-entropy', 'random', 'SupCon loss', 'SupCon time', 'CE time'],
    rows,
  );
  const jsonFile = option('json', undefined);
  if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
