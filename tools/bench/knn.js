#!/usr/bin/env node
// Exact (tfjs matMul + topk) vs approximate (HNSW, hnswlib-node) k-nearest-neighbour search.
// Loads the built packages: run `npx nx run @contrastive/eval-node:build` first.
// Usage: node tools/bench/knn.js [--n 20000,60000] [--dim 128] [--k 10] [--queries 1000] [--data clustered|random]
//                                [--backend wasm|cpu] [--seed 1]
// Exact search is timed on a sample of `--queries` rows and extrapolated linearly to all N queries (it is
// O(N) per query); HNSW is timed on the same sample and its recall@k measured against the exact answer.
// Figures are indicative (shared 2-core CPU).
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
require('@tensorflow/tfjs-backend-wasm');
const { ExactNeighbourIndex, sampleIndices } = require('../../packages/eval/dist');
const { HnswIndex } = require('../../packages/eval-node/dist');

const { option } = require('./lib/options').benchOptions();
const sizes = option('n', '20000,60000').split(',').map(Number);
const dim = Number(option('dim', 128));
const k = Number(option('k', 10));
const numQueries = Number(option('queries', 1000));
const kind = option('data', 'clustered');
const backend = option('backend', 'wasm');
const seed = Number(option('seed', 1));

/** Deterministic data: LCG uniforms, Box-Muller normals; `clustered` = 100 Gaussian blobs (spread 0.5). */
function makeData(n) {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const data = new Float32Array(n * dim);
  if (kind === 'random') {
    for (let i = 0; i < data.length; i++) data[i] = normal();
  } else {
    const centres = Array.from({ length: 100 }, () => Float32Array.from({ length: dim }, normal));
    for (let i = 0; i < n; i++)
      for (let d = 0; d < dim; d++) data[i * dim + d] = centres[i % 100][d] + 0.5 * normal();
  }
  return { data, rows: n, cols: dim };
}

function seconds(ms) {
  return (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
}

async function main() {
  await tf.setBackend(backend);
  console.log(
    `kNN bench: D=${dim}, k=${k}, ${kind} data, exact on tfjs-${tf.getBackend()}, ${numQueries} sampled queries (self excluded)`,
  );
  console.log(
    'N       | exact build | exact query (sample -> all N) | HNSW build | HNSW query (sample -> all N) | recall@k',
  );
  for (const n of sizes) {
    const reference = makeData(n);
    const rows = sampleIndices(n, Math.min(numQueries, n), seed);
    const queries = new Float32Array(rows.length * dim);
    rows.forEach((r, i) => queries.set(reference.data.subarray(r * dim, (r + 1) * dim), i * dim));
    const sample = { data: queries, rows: rows.length, cols: dim };

    let t = performance.now();
    const exact = new ExactNeighbourIndex(reference);
    const exactBuild = performance.now() - t;
    t = performance.now();
    const truth = await exact.query(sample, k, { exclude: rows });
    const exactQuery = performance.now() - t;
    exact.dispose();

    t = performance.now();
    const hnsw = new HnswIndex(reference, { seed });
    const hnswBuild = performance.now() - t;
    t = performance.now();
    const approx = await hnsw.query(sample, k, { exclude: rows });
    const hnswQuery = performance.now() - t;
    hnsw.dispose();

    let hits = 0;
    for (let i = 0; i < rows.length; i++) {
      const set = new Set(truth.indices.subarray(i * k, (i + 1) * k));
      for (const j of approx.indices.subarray(i * k, (i + 1) * k)) if (set.has(j)) hits++;
    }
    const scale = n / rows.length;
    console.log(
      `${String(n).padEnd(7)} | ${seconds(exactBuild).padStart(9)} s | ${seconds(exactQuery).padStart(9)} s -> ${seconds(exactQuery * scale).padStart(7)} s` +
        `      | ${seconds(hnswBuild).padStart(8)} s | ${seconds(hnswQuery).padStart(9)} s -> ${seconds(hnswQuery * scale).padStart(7)} s` +
        `     | ${(hits / (rows.length * k)).toFixed(3)}`,
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
