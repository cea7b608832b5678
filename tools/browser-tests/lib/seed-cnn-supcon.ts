// The training scenario the browser suite runs on each backend in chromium, and the Node test runs
// on wasm for its reference first-step loss: one source for both, so they compute the same thing.
import * as tf from '@tensorflow/tfjs-core';
import { loadFashionMnistEmbedded } from '@contrastive/datasets';
import { createSeedCnn } from '@contrastive/encoders';
import { SupConLoss } from '@contrastive/losses';

export interface SeedCnnSupConOptions {
  steps: number;
  /** Examples per batch; the run cycles over `batches` fixed batches of the embedded subset. */
  batchSize: number;
  batches: number;
}

export interface SeedCnnSupConRun {
  /** The loss of each step, read asynchronously (no synchronous GPU read-back). */
  losses: number[];
  /** `tf.memory().numTensors` after each step. */
  numTensors: number[];
  /** Wall time of each step in ms, the loss read included (the first compiles the GPU programs). */
  stepMs: number[];
}

/**
 * The seed CNN (seed 0) trained with SupCon (temperature 0.1, features L2-normalised inside the
 * loss) by Adam (lr 1e-3) on the first `batchSize * batches` images of the embedded Fashion-MNIST
 * subset (10 classes, class-balanced), cycling over the same batches, so the loss must fall within
 * a few dozen steps. Disposes everything it made.
 */
export async function trainSeedCnnSupCon(options: SeedCnnSupConOptions): Promise<SeedCnnSupConRun> {
  const { steps, batchSize, batches } = options;
  const examples = batchSize * batches;
  const perClass = Math.ceil(examples / 10);
  const { train } = loadFashionMnistEmbedded({ trainPerClass: perClass, testPerClass: 1 });
  // Interleave the classes so each batch holds every class (the split is grouped by class).
  const order = Array.from({ length: examples }, (_, i) => (i % 10) * perClass + Math.floor(i / 10));
  const pixels = 28 * 28;
  const x = new Float32Array(examples * pixels);
  const labels = new Int32Array(examples);
  order.forEach((source, i) => {
    x.set(train.x.subarray(source * pixels, (source + 1) * pixels), i * pixels);
    labels[i] = train.labels[source];
  });
  const encoder = createSeedCnn({ inputShape: [28, 28, 1], seed: 0 });
  const loss = new SupConLoss({ temperature: 0.1, normalize: true });
  const optimizer = tf.train.adam(1e-3);
  const inputs = Array.from({ length: batches }, (_, b) => ({
    x: tf.tensor4d(x.subarray(b * batchSize * pixels, (b + 1) * batchSize * pixels), [batchSize, 28, 28, 1]),
    labels: tf.tensor1d(labels.subarray(b * batchSize, (b + 1) * batchSize), 'int32'),
  }));
  const run: SeedCnnSupConRun = { losses: [], numTensors: [], stepMs: [] };
  try {
    for (let step = 0; step < steps; step++) {
      const started = performance.now();
      const batch = inputs[step % batches];
      const value = optimizer.minimize(
        () =>
          loss.compute(encoder.apply(batch.x, { training: true }) as tf.Tensor2D, { labels: batch.labels }),
        true,
      );
      if (!value) throw new Error('trainSeedCnnSupCon: optimizer.minimize returned no loss');
      run.losses.push((await value.data())[0]);
      value.dispose();
      run.numTensors.push(tf.memory().numTensors);
      run.stepMs.push(performance.now() - started);
    }
  } finally {
    for (const batch of inputs) tf.dispose([batch.x, batch.labels]);
    optimizer.dispose();
    encoder.dispose();
  }
  return run;
}
