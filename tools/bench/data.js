#!/usr/bin/env node
// Data loading of one epoch (not a test): decoding Fashion-MNIST, then one epoch of batches the way
// training draws them (SplitBatchSource: seeded shuffle, batch tensors created and disposed), without
// and with the `mnist` augmentation making 2 views on the backend.
//   - embedded subset (packages/datasets, 10k train + 2k test): first call (loads the data module,
//     base64 + gunzip + scaling to [0, 1]) and a later call (bytes cached: scaling only);
//   - the full train IDX files (60k), when found in ../shared/data/fashion-mnist (beside the repository),
//     /usr/share/datasets/fashion-mnist (Debian's package) or --data-dir; a note says so otherwise.
// images/s counts source images (an augmented epoch produces twice as many views).
// Loads the built packages: run `npx nx run-many -t build` first.
// Usage: node tools/bench/data.js [--batch 256] [--backend wasm] [--data-dir DIR]
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
const backend = require('../../packages/backend/dist');
const { SeededRandom } = require('../../packages/core/dist');
const { loadFashionMnistEmbedded } = require('../../packages/datasets/dist');
const { findFiles, loadIdxSplit, FASHION_MNIST } = require('../../packages/datasets-node/dist');
const { SplitBatchSource } = require('../../packages/trainers/dist');
const augment = require('../../packages/augment/dist');
const { printMarkdownTable } = require('./lib/markdown-table');

const { option } = require('./lib/options').benchOptions();
const batchSize = Number(option('batch', 256));
const backendName = option('backend', 'wasm');
const views = 2;
const repoRoot = path.join(__dirname, '..', '..');
const fullDataDirs = [
  option('data-dir', undefined),
  path.join(repoRoot, '..', 'shared', 'data', 'fashion-mnist'),
  FASHION_MNIST.systemDirs[0],
].filter(Boolean);

function timed(run) {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

async function timedAsync(run) {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

function row(stage, images, ms, note = '') {
  return { stage, images, ms: ms.toFixed(0), 'images/s': Math.round((images * 1000) / ms), note };
}

/** The first place that has the full Fashion-MNIST files, or undefined and where it looked. */
function findFullFashionMnist() {
  for (const dir of fullDataDirs) {
    const { found } = findFiles(dir, FASHION_MNIST.files);
    if (found) return { dir, found };
  }
  return { looked: fullDataDirs };
}

/**
 * One epoch as training draws it: the epoch's shuffled index batches, each gathered into tensors
 * and, with `pipeline`, augmented into `views` views. Wasm (like cpu) runs kernels synchronously, so
 * the wall time includes the work without a download.
 */
function epoch(split, pipeline) {
  const source = new SplitBatchSource(split, { batchSize });
  const multiView = pipeline && new augment.MultiView(pipeline, views);
  const rng = new SeededRandom(1);
  const runBatch = (indices) => {
    const { x, labels } = source.batch(indices);
    const augmented = multiView ? multiView.apply(x, rng) : undefined;
    tf.dispose([x, labels, augmented]);
  };
  const batches = source.epochBatches(0, 1);
  runBatch(batches[0]); // warm-up: kernel set-up, wasm heap growth
  const before = tf.memory().numTensors;
  const { ms } = timed(() => batches.forEach(runBatch));
  return {
    ms,
    images: batches.length * batchSize,
    batches: batches.length,
    leaked: tf.memory().numTensors - before,
  };
}

function epochRows(name, split) {
  const rows = [];
  for (const [what, pipeline] of [
    ['batches', undefined],
    [`batches + mnist augmentation, ${views} views`, augment.mnistPreset()],
  ]) {
    const e = epoch(split, pipeline);
    rows.push(
      row(
        `${name}: one epoch, ${what}`,
        e.images,
        e.ms,
        `${e.batches} batches of ${batchSize}; leaked tensors ${e.leaked}`,
      ),
    );
  }
  return rows;
}

async function main() {
  const rows = [];
  const first = timed(() => loadFashionMnistEmbedded());
  const embedded = first.result;
  const embeddedImages = embedded.train.size + embedded.test.size;
  rows.push(
    row(
      'embedded subset: decode, first call',
      embeddedImages,
      first.ms,
      'loads the data module, base64 + gunzip + scale',
    ),
  );
  const again = timed(() => loadFashionMnistEmbedded());
  rows.push(
    row(
      'embedded subset: decode, later call',
      embeddedImages,
      again.ms,
      'bytes cached: scale to [0, 1] only',
    ),
  );

  const full = findFullFashionMnist();
  let fullTrain;
  if (full.found) {
    const { ms, result } = await timedAsync(() =>
      loadIdxSplit({ images: full.found.trainImages, labels: full.found.trainLabels }, 10),
    );
    fullTrain = result;
    rows.push(
      row(
        'full train IDX: read + decode',
        fullTrain.size,
        ms,
        path.relative(repoRoot, full.found.trainImages),
      ),
    );
  }

  await backend.useBackend(backendName, { quiet: true });
  rows.push(...epochRows('embedded train', embedded.train));
  if (fullTrain) rows.push(...epochRows('full train', fullTrain));

  console.log(
    `Data loading: Fashion-MNIST decode, one epoch of batches of ${batchSize} on ${tf.getBackend()} ` +
      `(tfjs ${tf.version_core}, node ${process.version})`,
  );
  if (!full.found)
    console.log(`full Fashion-MNIST not found (looked in ${full.looked.join(', ')}): its rows are skipped`);
  printMarkdownTable(['stage', 'images', 'ms', 'images/s', 'note'], rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
