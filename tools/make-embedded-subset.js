#!/usr/bin/env node
// Builds the Fashion-MNIST subset embedded in @contrastive/datasets from the full IDX files.
//
// Usage: node tools/make-embedded-subset.js [sourceDir]
//   Without sourceDir: the first of $CONTRASTIVE_FASHION_MNIST_DIR, /usr/share/datasets/fashion-mnist (Debian's
//   dataset-fashion-mnist) and the project's optional data folder beside the clone that holds the files.
//   Needs the built @contrastive/core (`npx nx run @contrastive/core:build`) for SeededRandom.
//
// Procedure (deterministic; re-running it reproduces the committed module byte for byte):
//   1. Read and gunzip train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and
//      t10k-labels-idx1-ubyte.gz (the official 60k/10k files); check magic numbers and counts.
//   2. For each split, an independent SeededRandom (alea, from @contrastive/core) seeded with
//      'fashion-mnist-subset/v1/train' or '.../test'. For class c = 0..9 in order: the indices of the source
//      examples with label c, in file order, are shuffled in place with rng.shuffle (Fisher-Yates) and the first
//      K are kept (K = 1000 for train, 200 for test).
//   3. The kept indices of a split are sorted ascending (so the subset keeps the source file's order, classes mixed).
//   4. Payload = train images (10000*784 uint8) | test images (2000*784) | train labels (10000) | test labels (2000)
//      | train source indices (10000 uint16 LE) | test source indices (2000 uint16 LE).
//      gzip (fflate, level 9, mtime 0) -> base64 -> written as a string constant in
//      packages/datasets/src/embedded/fashion-mnist-subset-data.generated.ts (loaded lazily, on first use), and the
//      layout, sizes and the payload's SHA-256 in fashion-mnist-subset-meta.generated.ts.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { gzipSync } = require('fflate');

const root = path.resolve(__dirname, '..');
let SeededRandom;
try {
  ({ SeededRandom } = require(path.join(root, 'packages/core/dist/index.js')));
} catch {
  console.error('@contrastive/core is not built: run `npx nx run @contrastive/core:build` first');
  process.exit(1);
}

const SEED = 'fashion-mnist-subset/v1';
const PER_CLASS = { train: 1000, test: 200 };
const CLASSES = 10;
const ROWS = 28;
const COLS = 28;
const SOURCE_FILES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
];
const sourceDir = findSourceDir(
  process.argv[2]
    ? [process.argv[2]]
    : [
        process.env.CONTRASTIVE_FASHION_MNIST_DIR,
        '/usr/share/datasets/fashion-mnist',
        path.join(path.dirname(root), 'shared', 'data', 'fashion-mnist'),
      ].filter(Boolean),
);
const outDir = path.join(root, 'packages/datasets/src/embedded');

/** The first candidate folder holding all four files; otherwise exits, saying where it looked. */
function findSourceDir(candidates) {
  const found = candidates.find((dir) => SOURCE_FILES.every((f) => fs.existsSync(path.join(dir, f))));
  if (found) return path.resolve(found);
  console.error(
    `Fashion-MNIST IDX files (${SOURCE_FILES.join(', ')}) not found; looked in:\n` +
      candidates.map((dir) => `  ${path.resolve(dir)}`).join('\n') +
      '\nPass the folder as the first argument, or install Debian\'s dataset-fashion-mnist.',
  );
  process.exit(1);
}

function readIdx(file, expectedMagic) {
  const full = path.join(sourceDir, file);
  const bytes = zlib.gunzipSync(fs.readFileSync(full));
  const magic = bytes.readUInt32BE(0);
  if (magic !== expectedMagic) throw new Error(`${full}: magic 0x${magic.toString(16)}, expected 0x${expectedMagic.toString(16)}`);
  const ndim = magic & 0xff;
  const dims = Array.from({ length: ndim }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  const data = bytes.subarray(4 + 4 * ndim);
  const expected = dims.reduce((a, b) => a * b, 1);
  if (data.length !== expected) throw new Error(`${full}: ${data.length} data bytes, expected ${expected}`);
  return { dims, data };
}

function select(labels, perClass, seed) {
  const rng = new SeededRandom(seed);
  const kept = [];
  for (let c = 0; c < CLASSES; c++) {
    const ofClass = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === c) ofClass.push(i);
    if (ofClass.length < perClass) throw new Error(`class ${c} has only ${ofClass.length} examples`);
    kept.push(...rng.shuffle(ofClass).slice(0, perClass));
  }
  return kept.sort((a, b) => a - b);
}

function buildSplit(prefix, split) {
  const images = readIdx(`${prefix}-images-idx3-ubyte.gz`, 0x00000803);
  const labels = readIdx(`${prefix}-labels-idx1-ubyte.gz`, 0x00000801);
  if (images.dims[0] !== labels.dims[0]) throw new Error(`${prefix}: ${images.dims[0]} images vs ${labels.dims[0]} labels`);
  if (images.dims[1] !== ROWS || images.dims[2] !== COLS) throw new Error(`${prefix}: images are not 28x28`);
  const indices = select(labels.data, PER_CLASS[split], `${SEED}/${split}`);
  const pixels = ROWS * COLS;
  const x = new Uint8Array(indices.length * pixels);
  const y = new Uint8Array(indices.length);
  const source = new Uint8Array(indices.length * 2);
  indices.forEach((index, row) => {
    x.set(images.data.subarray(index * pixels, (index + 1) * pixels), row * pixels);
    y[row] = labels.data[index];
    source[2 * row] = index & 0xff;
    source[2 * row + 1] = index >> 8;
  });
  return { x, y, source, size: indices.length };
}

const train = buildSplit('train', 'train');
const test = buildSplit('t10k', 'test');
const payload = Buffer.concat([train.x, test.x, train.y, test.y, train.source, test.source]);
const sha256 = crypto.createHash('sha256').update(payload).digest('hex');
const gz = gzipSync(payload, { level: 9, mtime: 0 });
const base64 = Buffer.from(gz).toString('base64');

const header = [
  '// GENERATED by tools/make-embedded-subset.js — do not edit. Real Fashion-MNIST images (MIT, Zalando SE 2017):',
  '// a stratified, seeded subset; see docs/datasets.md for how it was made and the licence notice.',
  '',
];
const meta = [
  ...header,
  '/** Layout and provenance of the gzip-compressed payload in `fashion-mnist-subset-data.generated.ts`. */',
  'export const FASHION_MNIST_SUBSET_META = {',
  `  seed: '${SEED}',`,
  `  trainSize: ${train.size},`,
  `  testSize: ${test.size},`,
  `  perClassTrain: ${PER_CLASS.train},`,
  `  perClassTest: ${PER_CLASS.test},`,
  `  rows: ${ROWS},`,
  `  cols: ${COLS},`,
  `  payloadBytes: ${payload.length},`,
  `  payloadSha256: '${sha256}',`,
  `  gzipBytes: ${gz.length},`,
  `  base64Bytes: ${base64.length},`,
  '} as const;',
  '',
];
const data = [
  ...header,
  '/** gzip(payload) as base64: train images | test images | train labels | test labels | train/test source indices (uint16 LE). */',
  `export const FASHION_MNIST_SUBSET_GZIP_BASE64: string =\n  '${base64}';`,
  '',
];
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'fashion-mnist-subset-meta.generated.ts'), meta.join('\n'));
fs.writeFileSync(path.join(outDir, 'fashion-mnist-subset-data.generated.ts'), data.join('\n'));
console.log(
  `wrote ${path.relative(root, outDir)}/fashion-mnist-subset-{meta,data}.generated.ts: ${train.size} train + ${test.size} test, payload ${payload.length} B, ` +
    `gzip ${gz.length} B, base64 ${base64.length} B, sha256 ${sha256}`,
);
