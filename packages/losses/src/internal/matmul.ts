import * as tf from '@tensorflow/tfjs-core';

/**
 * `a . b^T` for `[n, d]` and `[m, d]` as a plain 2-D matMul on an explicitly transposed `b`:
 * tfjs-backend-wasm 4.22 runs matMul with `transposeB` (or `transposeA`) 10-30x slower than on
 * a transposed copy, and batched broadcasting matMul is avoided altogether.
 */
export function matMulTransposed(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(a, tf.transpose(b));
}
