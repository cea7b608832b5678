import * as tf from '@tensorflow/tfjs-core';
import { maskBias, maskedLogSumExp } from './math';

/**
 * Row-wise `log(1 + sum_{j in mask} exp(x_ij))` (pml's `logsumexp(..., add_one=True)`), stable for
 * large `x`: a zero logit stands for the 1. A row whose mask is empty gives exactly 0 with a zero gradient.
 */
export function logOnePlusSumExp(x: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  const rows = x.shape[0];
  const withOne = tf.concat([tf.zeros([rows, 1]), x], 1) as tf.Tensor2D;
  return maskedLogSumExp(withOne, maskBias(tf.concat([tf.ones([rows, 1]), mask], 1)));
}
