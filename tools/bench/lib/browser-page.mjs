// The page of browser.js, bundled by esbuild for chromium (never run by Node): the packages as an
// application bundles them, and the same step (seed-cnn-step.js) and loss timing
// (supcon-loss-timing.js) the Node benchmarks run, behind a small API on globalThis that
// browser.js drives through playwright.
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { useBackend } from '@contrastive/backend';
import seedCnnStep from './seed-cnn-step.js';
import supconLossTiming from './supcon-loss-timing.js';

const { makeWeights, makeLoss, makeSgdStep } = seedCnnStep;
const { timeLoss } = supconLossTiming;

// tfjs looks for its .wasm files beside the script by default; browser.js serves them here.
setWasmPaths('/wasm/');

/** Selects the backend as training does; resolves to useBackend's line (names the kernels and threads). */
async function select(request, options) {
  let line = '';
  await useBackend(request, { ...options, log: (text) => (line = text) });
  return {
    line,
    backend: tf.getBackend(),
    wasmThreads: tf.getBackend() === 'wasm' ? getThreadsCount() : undefined,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: globalThis.navigator.hardwareConcurrency,
  };
}

let training;

/**
 * Sets up the seed CNN SupCon step (SGD 0.05) at `batch` x 2 views, as train-step.js does, and runs
 * its warm-up step; browser.js then times {@link trainStepOnce} one call at a time (so it can read
 * chromium's CPU time around each) and ends with {@link finishTrainStep}.
 */
async function prepareTrainStep({ batch }) {
  const loss = makeLoss();
  const optimizer = tf.train.sgd(0.05);
  const weights = makeWeights();
  const x = tf.randomUniform([batch, 2, 28, 28, 1], 0, 1, 'float32', 7);
  const labels = tf.tensor1d(
    Array.from({ length: batch }, (_, i) => i % 10),
    'int32',
  );
  const step = makeSgdStep(weights, optimizer, loss);
  training = { run: () => step(x, labels), tensors: [x, labels, ...Object.values(weights)], optimizer };
  const first = await training.run();
  training.before = tf.memory().numTensors;
  return { first, loss: loss.name };
}

/** One timed step: wall ms (the loss read back asynchronously included) and the loss. */
async function trainStepOnce() {
  const start = globalThis.performance.now();
  const loss = await training.run();
  return { ms: globalThis.performance.now() - start, loss };
}

/** Frees the step's tensors; resolves to the tensors the timed steps left behind. */
function finishTrainStep() {
  const leaked = tf.memory().numTensors - training.before;
  tf.dispose(training.tensors);
  training.optimizer.dispose();
  training = undefined;
  return leaked;
}

/**
 * SupCon forward + backward at `batch`, as loss.js times it: `warmups` untimed runs then `repeats`
 * timed ones. browser.js calls it twice per size, the warm-ups alone first (`repeats: 0`), so the
 * CPU time it reads around the second call is the timed runs'.
 */
function supconLoss({ batch, repeats, warmups }) {
  return timeLoss(batch, { warmups, repeats, asyncRead: tf.getBackend() === 'webgpu' });
}

globalThis.contrastiveBench = { select, prepareTrainStep, trainStepOnce, finishTrainStep, supconLoss };
globalThis.document.title = 'contrastive browser bench: ready';
