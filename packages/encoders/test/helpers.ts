import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

/** Selects the cpu backend for a test file. */
export function useCpu(): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
}

/** Seeded uniform input in [0, 1). */
export function randomInput(shape: number[], seed = 1): tf.Tensor {
  return tf.randomUniform(shape, 0, 1, 'float32', seed);
}

/** Row L2 norms of a `[N, D]` tensor as numbers. */
export function rowNorms(x: tf.Tensor): number[] {
  return tf.tidy(() => Array.from(tf.sqrt(tf.sum(tf.square(x), -1)).dataSync()));
}

/** Asserts `fn` leaves the tensor count unchanged over a few calls. */
export function expectNoLeak(fn: () => void, repeats = 3): void {
  fn(); // warm-up (lazy kernels, caches)
  const before = tf.memory().numTensors;
  for (let i = 0; i < repeats; i++) fn();
  expect(tf.memory().numTensors).toBe(before);
}

/** Values of every weight, copied to host arrays. */
export function weightValues(weights: ReadonlyArray<{ read(): tf.Tensor }>): Float32Array[] {
  return weights.map((w) => w.read().dataSync() as Float32Array).map((a) => Float32Array.from(a));
}
