import * as tf from '@tensorflow/tfjs-core';

/**
 * `a . b^T` for `[n, d]` and `[m, d]` as a plain 2-D matMul on an explicitly transposed `b`, with a
 * gradient written the same way (`dA = dY . b`, `dB = dY^T . a`): tfjs-backend-wasm 4.22 runs matMul
 * with `transposeA` / `transposeB` 10-30x slower than on a transposed copy, and tfjs' own matMul
 * gradient uses those flags. Batched broadcasting matMul is avoided altogether.
 */
export function matMulTransposed(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  if (a === b) return selfSimilarity(a);
  return crossSimilarity(a, b);
}

const crossSimilarity = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, tf.transpose(b)) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as tf.Tensor2D[];
      return [tf.matMul(dy, sb), tf.matMul(tf.transpose(dy), sa)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

const selfSimilarity = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [a, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
  save([a]);
  return {
    value: tf.matMul(a, tf.transpose(a)) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => [tf.matMul(tf.add(dy, tf.transpose(dy)), saved[0] as tf.Tensor2D)],
  };
}) as (a: tf.Tensor2D) => tf.Tensor2D;
