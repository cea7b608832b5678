#!/usr/bin/env node
// The evaluation stage of an experiment (what `evaluateEncoder` runs on extracted features):
// linear probe fit + test accuracy, kNN accuracy (train as reference), retrieval metrics and
// k-means NMI/AMI on the test split, on host feature matrices. An A/B of two builds of
// @contrastive/eval on the same data (e.g. before and after a change), so it has no PyTorch row.
// Loads a built package: `npx nx run @contrastive/eval:build` first, or pass `--dist <dir>`.
// `--dist a,b` loads two builds and alternates them run by run, so the machine's drifting load
// falls on both alike.
// Usage: node tools/bench/eval-stage.js [--dist packages/eval/dist[,other/dist]] [--train 10000] [--test 2000]
//                                       [--dim 128] [--classes 10] [--epochs 100] [--repeats 3]
//                                       [--backend wasm|cpu] [--seed 1]
// Figures are indicative on a shared machine: the load average is printed beside them.
const os = require('os');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
require('@tensorflow/tfjs-backend-wasm');

const { option } = require('./lib/options').benchOptions();
const dists = option('dist', path.join(__dirname, '../../packages/eval/dist'))
  .split(',')
  .map((dir) => path.resolve(dir));
const builds = dists.map((dir) => require(dir));
const trainRows = Number(option('train', 10000));
const testRows = Number(option('test', 2000));
const dim = Number(option('dim', 128));
const classes = Number(option('classes', 10));
const epochs = Number(option('epochs', 100));
const repeats = Number(option('repeats', 3));
const backend = option('backend', 'wasm');
const seed = Number(option('seed', 1));

/** Class blobs (spread 3 around N(0, 1) centres): LCG uniforms, Box-Muller normals. */
function makeSplits() {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const centres = Array.from({ length: classes }, () => Float32Array.from({ length: dim }, normal));
  const split = (rows) => {
    const data = new Float32Array(rows * dim);
    const labels = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      labels[i] = i % classes;
      for (let d = 0; d < dim; d++) data[i * dim + d] = centres[labels[i]][d] + 3 * normal();
    }
    return { features: { data, rows, cols: dim }, labels };
  };
  return { train: split(trainRows), test: split(testRows) };
}

async function timed(work) {
  const t = performance.now();
  const value = await work();
  return { ms: performance.now() - t, value };
}

async function stage(eval_, { train, test }) {
  // `await` on a synchronous result is a no-op: the same code times the old and the new API.
  const probe = await timed(async () => {
    const fitted = await eval_.fitLinearProbe(train.features, train.labels, { epochs, batchSize: 256, learningRate: 0.01, seed: 0 });
    try {
      return await fitted.accuracy(test.features, test.labels);
    } finally {
      fitted.dispose();
    }
  });
  const knn = await timed(() =>
    eval_.knnAccuracy(train.features, train.labels, test.features, test.labels, { k: 200, temperature: 0.1 }),
  );
  const retrieval = await timed(() => eval_.retrievalMetrics(test.features, test.labels));
  const clusters = await timed(() => eval_.clusterQuality(test.features, test.labels, classes, { seed: 0 }));
  return { probe, knn, retrieval, clusters };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  await tf.setBackend(backend);
  await tf.ready();
  const splits = makeSplits();
  const runs = dists.map(() => []);
  const loadBefore = os.loadavg()[0];
  for (let r = 0; r < repeats; r++) for (const [i, build] of builds.entries()) runs[i].push(await stage(build, splits));
  const loadAfter = os.loadavg()[0];
  console.log(`eval stage on ${backend}: train ${trainRows} x ${dim}, test ${testRows}, ${classes} classes, probe ${epochs} epochs; median of ${repeats}`);
  console.log(`load average (1 min) ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)} on ${os.cpus().length} cores`);
  dists.forEach((dir, i) => report(dir, runs[i]));
}

function report(dir, runs) {
  console.log(`\n${dir}`);
  console.log('| part | median ms | result |');
  console.log('| --- | --- | --- |');
  for (const part of ['probe', 'knn', 'retrieval', 'clusters']) {
    const value = runs[0][part].value;
    const shown =
      typeof value === 'number'
        ? value.toFixed(4)
        : Object.entries(value)
            .filter(([key, v]) => typeof v === 'number' && key !== 'numQueries')
            .map(([key, v]) => `${key} ${v.toFixed(4)}`)
            .join(', ');
    console.log(`| ${part} | ${median(runs.map((run) => run[part].ms)).toFixed(0)} | ${shown} |`);
  }
  const totals = runs.map((run) => run.probe.ms + run.knn.ms + run.retrieval.ms + run.clusters.ms);
  console.log(`| total | ${median(totals).toFixed(0)} | |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
