import * as tf from '@tensorflow/tfjs-core';
import { maskBias, maskedLogSumExp } from '../internal/math';
import { matMulTransposed } from '../internal/matmul';

/**
 * pytorch-metric-learning's NT-Xent on unit rows: every positive pair (i, p) is its own term
 * `-log(e^{s_ip/t} / (e^{s_ip/t} + sum_n e^{s_in/t}))` = `softplus(lse_n(s_in/t) - s_ip/t)`,
 * averaged over positive pairs. One matMul, `[Na, M]` element-wise ops; an anchor without
 * negatives gives 0 per pair (pml), no pairs at all gives 0.
 */
export function ntXentCore(
  anchors: tf.Tensor2D,
  reference: tf.Tensor2D,
  positive: tf.Tensor2D,
  negative: tf.Tensor2D,
  temperature: number,
): tf.Scalar {
  const logits = matMulTransposed(tf.mul(anchors, 1 / temperature), reference);
  const logNegatives = tf.reshape(maskedLogSumExp(logits, maskBias(negative)), [-1, 1]);
  const pairLoss = tf.mul(tf.softplus(tf.sub(logNegatives, logits)), positive);
  return tf.div(tf.sum(pairLoss), tf.maximum(tf.sum(positive), 1)) as tf.Scalar;
}
