import * as tf from '@tensorflow/tfjs-core';
import { MASK_OFFSET, maskBias, maskedLogSumExp } from '../internal/math';

/** What {@link supConCore} needs: anchors, contrast rows and the masks between them. */
export interface SupConCoreInput {
  /** Anchor rows `[Na, D]`. */
  anchors: tf.Tensor2D;
  /** Contrast rows `[Nc, D]`. */
  contrast: tf.Tensor2D;
  /** Positive weights `[Na, Nc]` (0/1), self pairs already removed. */
  positive: tf.Tensor2D;
  /** `[Na, Nc]` 1 at the anchor's own contrast row (removed from the denominator), or null. */
  self: tf.Tensor2D | null;
  temperature: number;
  baseTemperature: number;
  variant: 'out' | 'in';
  noPositive: 'zero' | 'exclude';
}

/**
 * SupCon for anchors against a contrast set, in one `[Na, D] x [D, Nc]` matMul and `[Na, Nc]`
 * element-wise ops (never a `[Na, Nc, D]` intermediate), with the row max subtracted.
 *
 * L_out(i) = -(1/|P(i)|) sum_p log softmax_i(p),  L_in(i) = -log((1/|P(i)|) sum_p softmax_i(p)),
 * softmax over the contrast rows except i itself; both scaled by temperature / baseTemperature.
 * Anchors without positives give 0 and count in the mean (`zero`) or are left out (`exclude`).
 */
export function supConCore(input: SupConCoreInput): tf.Scalar {
  const { anchors, contrast, positive, self, temperature, baseTemperature, variant, noPositive } = input;
  const logits = tf.matMul(tf.mul(anchors, 1 / temperature), contrast, false, true) as tf.Tensor2D;
  const logDenominator = self ? maskedLogSumExp(logits, tf.mul(self, -MASK_OFFSET)) : maskedLogSumExp(logits, tf.scalar(0));
  const positiveCount = tf.sum(positive, 1);
  const hasPositive = tf.cast(tf.greater(positiveCount, 1e-6), 'float32');
  const safeCount = tf.maximum(positiveCount, 1);
  let perAnchor: tf.Tensor;
  if (variant === 'out') {
    const meanPositiveLogit = tf.div(tf.sum(tf.mul(positive, logits), 1), safeCount);
    perAnchor = tf.sub(logDenominator, meanPositiveLogit);
  } else {
    const logPositive = maskedLogSumExp(logits, maskBias(positive));
    perAnchor = tf.add(tf.sub(logDenominator, logPositive), tf.log(safeCount));
  }
  const weighted = tf.mul(tf.mul(perAnchor, hasPositive), temperature / baseTemperature);
  const count = noPositive === 'zero' ? tf.scalar(anchors.shape[0]) : tf.maximum(tf.sum(hasPositive), 1);
  return tf.div(tf.sum(weighted), count) as tf.Scalar;
}
