import * as tf from '@tensorflow/tfjs-core';
import { indexMask, l2Normalize, maskBias, maskedLogSumExp } from '../internal/math';
import { matMulTransposed } from '../internal/matmul';

/**
 * Decoupled contrastive loss on two views `[N, D]` each:
 * `0.5 * (l(a, b) + l(b, a))`, `l(a, b) = mean_i [-w_i a_i.b_i / t + logsumexp_{j != i}({a_i.a_j / t} U {a_i.b_j / t})]`
 * on L2-normalised rows: the positive pair is left out of the denominator (2N - 2 negatives).
 * `weights` (`[N]`, a constant) scales the positive term; none means 1.
 */
export function decoupledContrastive(a: tf.Tensor2D, b: tf.Tensor2D, temperature: number, weights?: tf.Tensor1D): tf.Scalar {
  const n = a.shape[0];
  const ua = l2Normalize(a);
  const ub = l2Normalize(b);
  const cross = tf.div(matMulTransposed(ua, ub), temperature) as tf.Tensor2D; // a_i.b_j / t
  // Masking the diagonal of each block removes the positive pair and the self pair.
  const selfBias = maskBias(tf.sub(1, indexMask(tf.range(0, n, 1, 'int32') as tf.Tensor1D, n)));
  const bias = tf.concat([selfBias, selfBias], 1);
  const positive = tf.div(tf.sum(tf.mul(ua, ub), 1), temperature); // a_i.b_i / t, the diagonal of `cross`
  const half = (self: tf.Tensor2D, other: tf.Tensor2D) => {
    const negatives = maskedLogSumExp(tf.concat([self, other], 1) as tf.Tensor2D, bias);
    const weighted = weights ? tf.mul(positive, weights) : positive;
    return tf.mean(tf.sub(negatives, weighted));
  };
  const selfA = tf.div(matMulTransposed(ua, ua), temperature) as tf.Tensor2D;
  const selfB = tf.div(matMulTransposed(ub, ub), temperature) as tf.Tensor2D;
  return tf.mul(tf.add(half(selfA, cross), half(selfB, tf.transpose(cross) as tf.Tensor2D)), 0.5) as tf.Scalar;
}
