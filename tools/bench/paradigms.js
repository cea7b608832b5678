#!/usr/bin/env node
// Every paradigm's example config (docs/examples/*-fashion-mnist.json) trained on the same slice
// of the embedded Fashion-MNIST subset with the same budget, then the frozen encoder scored by a
// linear probe and a kNN classifier (the CLI's evaluation), beside a random encoder of the same
// architecture. Prints a markdown table (the one in docs/paradigms.md) and writes it as JSON.
// Each config keeps its own augmentation, head, loss and trainer options; the budget, data and
// probe are overridden so every row gets the same: --epochs pre-training epochs of --batch samples.
// No PyTorch side: lightly (BYOL, SimSiam, DINO, Barlow Twins, VICReg) is not in Debian's
// python3-torch; the losses are checked against lightly's and pml's vectors in the losses tests.
// Not part of run.js's default list (minutes). Loads the built packages: `npm run build` first.
// Usage: node tools/bench/paradigms.js [--epochs 5] [--batch 100] [--train-per-class 200]
//   [--test-per-class 100] [--methods byol,simsiam,...] [--backend wasm] [--json <file>]
const fs = require('fs');
const path = require('path');
const { useBackend, describeBackend } = require('../../packages/backend/dist');
const { createDefaultRegistry, evaluateEncoder } = require('../../packages/cli/dist');
const { parseExperimentConfig } = require('../../packages/core/dist');
const { Experiment, defaultModelBuilder } = require('../../packages/trainers/dist');
const { loadFashionMnistEmbedded } = require('../../packages/datasets/dist');
const { printMarkdownTable } = require('./lib/markdown-table');
const { option } = require('./lib/options').benchOptions();

const EXAMPLES = path.resolve(__dirname, '../../docs/examples');
/** Method name -> example config; the self-supervised ones first, then the supervised ones. */
const METHODS = {
  simclr: 'simclr-fashion-mnist.json',
  byol: 'byol-fashion-mnist.json',
  simsiam: 'simsiam-fashion-mnist.json',
  'barlow-twins': 'barlow-twins-fashion-mnist.json',
  vicreg: 'vicreg-fashion-mnist.json',
  dino: 'dino-fashion-mnist.json',
  supcon: 'supcon-fashion-mnist.json',
  'proxy-anchor': 'proxy-anchor-fashion-mnist.json',
  arcface: 'arcface-fashion-mnist.json',
};
const budget = {
  epochs: Number(option('epochs', 5)),
  batchSize: Number(option('batch', 100)),
  trainPerClass: Number(option('train-per-class', 200)),
  testPerClass: Number(option('test-per-class', 100)),
};
const backend = option('backend', 'wasm');
const methods = option('methods', Object.keys(METHODS).join(',')).split(',');
const probe = { epochs: 100, batchSize: 200, learningRate: 0.01 };

function configFor(method) {
  const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES, METHODS[method]), 'utf8'));
  return parseExperimentConfig({
    ...example,
    seed: 0,
    backend,
    dataset: { id: 'fashion-mnist-embedded', options: { trainPerClass: budget.trainPerClass, testPerClass: budget.testPerClass } },
    pretrain: { ...example.pretrain, epochs: budget.epochs, batchSize: budget.batchSize },
    probe,
  });
}

const percent = (value) => (100 * value).toFixed(1);

async function main() {
  const unknown = methods.filter((m) => !METHODS[m]);
  if (unknown.length) throw new Error(`unknown method(s) ${unknown.join(', ')}; known: ${Object.keys(METHODS).join(', ')}`);
  await useBackend(backend, { quiet: true });
  const dataset = loadFashionMnistEmbedded({ trainPerClass: budget.trainPerClass, testPerClass: budget.testPerClass });
  const registry = createDefaultRegistry();
  console.log(
    `${describeBackend()}; ${dataset.train.size} train / ${dataset.test.size} test images; ` +
      `${budget.epochs} epochs of batch ${budget.batchSize}; linear probe ${probe.epochs} epochs; kNN k = 200, t = 0.1`,
  );
  const rows = [];
  const evaluate = async (name, model, config) => (await evaluateEncoder(name, model, dataset, { probe, seed: config.seed })).scores;
  {
    const config = configFor(methods[0]);
    const experiment = new Experiment(config, registry, dataset, defaultModelBuilder);
    const random = experiment.buildModel(1);
    const scores = await evaluate('random encoder', random, config);
    random.dispose();
    rows.push({ method: 'random encoder', labels: '-', 'linear probe %': percent(scores.linearProbe), 'kNN %': percent(scores.knn), 'pre-training s': '-', steps: 0 });
  }
  for (const method of methods) {
    const config = configFor(method);
    const experiment = new Experiment(config, registry, dataset, defaultModelBuilder);
    const model = experiment.buildModel(0);
    const started = Date.now();
    const history = await experiment.pretrain(model);
    const seconds = (Date.now() - started) / 1000;
    const scores = await evaluate(method, model, config);
    model.dispose();
    const supervised = ['supcon', 'proxy-anchor', 'arcface'].includes(method);
    rows.push({
      method,
      labels: supervised ? 'yes' : 'no',
      'linear probe %': percent(scores.linearProbe),
      'kNN %': percent(scores.knn),
      'pre-training s': seconds.toFixed(1),
      steps: history.loss.length,
      'last loss': history.loss[history.loss.length - 1].toFixed(4),
    });
    console.error(`${method}: probe ${percent(scores.linearProbe)} kNN ${percent(scores.knn)} in ${seconds.toFixed(1)} s`);
  }
  printMarkdownTable(['method', 'labels', 'linear probe %', 'kNN %', 'pre-training s', 'steps', 'last loss'], rows);
  const out = option('json', undefined);
  if (out) fs.writeFileSync(out, JSON.stringify({ backend: describeBackend(), budget, probe, rows }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
