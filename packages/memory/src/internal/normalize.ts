import * as tf from '@tensorflow/tfjs-core';

/** Row-wise L2 normalisation of `[N, D]` with a floor on the norm (a zero row stays zero). */
export function normalizeRows(x: tf.Tensor2D, epsilon = 1e-12): tf.Tensor2D {
  return tf.tidy(() => tf.div(x, tf.maximum(tf.norm(x, 'euclidean', 1, true), epsilon)) as tf.Tensor2D);
}
