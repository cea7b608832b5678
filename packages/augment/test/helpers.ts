import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { SeededRandom } from '@contrastive/core';

export function useCpu(): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
}

/** A deterministic batch of values in [0, 1) (not from the rng under test). */
export function randomImages(shape: [number, number, number, number], seed = 123): tf.Tensor4D {
  return tf.randomUniform(shape, 0, 1, 'float32', seed) as tf.Tensor4D;
}

export function rng(seed: number | string = 1): SeededRandom {
  return new SeededRandom(seed);
}

/** Runs `fn` (which returns a tensor it hands over) and disposes the result; returns its values. */
export function values(t: tf.Tensor): Float32Array {
  const data = t.dataSync() as Float32Array;
  t.dispose();
  return data;
}

/** Asserts that repeated calls leave the number of live tensors unchanged. */
export function expectNoLeak(call: () => tf.Tensor, repeats = 3): void {
  call().dispose();
  const before = tf.memory().numTensors;
  for (let i = 0; i < repeats; i++) call().dispose();
  expect(tf.memory().numTensors).toBe(before);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
