import * as tf from '@tensorflow/tfjs-core';
import { operand } from './kernel-harness';

/** The max-pool gradient cases both the SIMD and the native kernel are checked on: [name, filter, strides, padding]. */
export const POOLS = [
  ['2x2 / 2 valid (the seed CNN)', 2, 2, 'valid'],
  ['3x3 / 2 same (overlapping, padded)', 3, 2, 'same'],
  ['3x3 / 1 same (heavily overlapping)', 3, 1, 'same'],
  ['[2,3] / [1,2] valid (non-square)', [2, 3], [1, 2], 'valid'],
] as const;

/** On the active backend: the gradient of sum(maxPool(x) * weights) with respect to x. */
export function poolGradientHere(
  x: Float32Array,
  shape: [number, number, number, number],
  filter: number | readonly [number, number],
  strides: number | readonly [number, number],
  pad: 'valid' | 'same',
): Float32Array {
  const input = tf.tensor4d(x, shape);
  const pool = (t: tf.Tensor) =>
    tf.maxPool(t as tf.Tensor4D, filter as [number, number], strides as [number, number], pad);
  const outShape = tf.tidy(() => pool(input).shape);
  const weights = tf.tensor(operand(outShape, 11).values, outShape);
  const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(pool(t), weights)))(input);
  const out = grad.dataSync() as Float32Array;
  tf.dispose([input, weights, grad]);
  return out;
}
