import * as tf from '@tensorflow/tfjs-core';
import { MASK_OFFSET, indexMask } from '../internal/math';

/** What {@link supConCore} needs: anchors, contrast rows and the masks between them. */
export interface SupConCoreInput {
  /** Anchor rows `[Na, D]`. */
  anchors: tf.Tensor2D;
  /** Contrast rows `[Nc, D]`; may be the same tensor as `anchors` (every view an anchor). */
  contrast: tf.Tensor2D;
  /** Positive weights `[Na, Nc]` (0/1), self pairs already removed. */
  positive: tf.Tensor2D;
  /** Per anchor, the contrast row that is the anchor itself (left out of the softmax), -1 if none. */
  selfIndex: tf.Tensor1D | null;
  temperature: number;
  baseTemperature: number;
  variant: 'out' | 'in';
  noPositive: 'zero' | 'exclude';
}

/**
 * SupCon for anchors against a contrast set with a hand-written gradient, so the whole
 * forward + backward is three `[N, D] x [D, N]`-sized matMuls and a few `[Na, Nc]` element-wise
 * ops (never a `[Na, Nc, D]` intermediate, no transposed-operand matMul, which is slow on wasm).
 *
 * With s = anchors . contrast / t, softmax p_ij over j != self(i), and positives P(i):
 * L_out(i) = lse_i - mean_{p in P(i)} s_ip, L_in(i) = lse_i - lse_{p in P(i)} s_ip + log |P(i)|,
 * both times temperature / baseTemperature. Anchors without positives give 0 and count in the
 * mean (`zero`) or are left out (`exclude`). dL/ds_ij = w_i (p_ij - q_ij), q the positive target
 * (uniform over P(i) for L_out, softmax restricted to P(i) for L_in).
 */
export function supConCore(input: SupConCoreInput): tf.Scalar {
  const { anchors, contrast, positive, selfIndex, temperature, baseTemperature, variant, noPositive } = input;
  const shared = anchors === contrast;
  const na = anchors.shape[0];
  const nc = contrast.shape[0];

  // Constants of the call (no gradient): anchor weights and the positive target q.
  const positiveCount = tf.sum(positive, 1, true);
  const hasPositive = tf.cast(tf.greater(positiveCount, 1e-6), 'float32');
  const count = noPositive === 'zero' ? tf.scalar(na) : tf.maximum(tf.sum(hasPositive), 1);
  const weights = tf.div(tf.mul(hasPositive, temperature / baseTemperature), count); // [Na, 1]
  const safeCount = tf.maximum(positiveCount, 1);
  const selfBias = selfIndex ? indexMask(selfIndex, nc, -MASK_OFFSET) : null;

  const forward = (a: tf.Tensor2D, c: tf.Tensor2D, save: tf.GradSaveFunc) => {
    // Inside customGrad's forward nothing is taped: a plain matMul on the transposed copy (no saved clones).
    const logits = tf.matMul(tf.mul(a, 1 / temperature), tf.transpose(c)) as tf.Tensor2D;
    const masked = selfBias ? tf.add(logits, selfBias) : logits;
    const rowMax = tf.max(masked, 1, true);
    const e = tf.exp(tf.sub(masked, rowMax));
    const z = tf.sum(e, 1, true);
    const logDenominator = tf.add(rowMax, tf.log(z));
    let perAnchor: tf.Tensor;
    let target: tf.Tensor;
    if (variant === 'out') {
      perAnchor = tf.sub(logDenominator, tf.div(tf.sum(tf.mul(positive, logits), 1, true), safeCount));
      target = tf.mul(positive, tf.div(weights, safeCount));
    } else {
      const positiveLogits = tf.add(logits, tf.mul(tf.sub(positive, 1), MASK_OFFSET));
      const positiveMax = tf.max(positiveLogits, 1, true);
      const ePositive = tf.exp(tf.sub(positiveLogits, positiveMax));
      const zPositive = tf.sum(ePositive, 1, true);
      perAnchor = tf.add(tf.sub(logDenominator, tf.add(positiveMax, tf.log(zPositive))), tf.log(safeCount));
      target = tf.mul(ePositive, tf.div(weights, zPositive));
    }
    // Gradient of the loss w.r.t. the logits, up to the upstream scalar: w_i (p_ij - q_ij), [N, 1] factors first.
    save([a, c, tf.sub(tf.mul(e, tf.div(weights, z)), target)]);
    return tf.sum(tf.mul(perAnchor, weights)) as tf.Scalar;
  };
  const backward = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [a, c, dLogits] = saved;
    const g = tf.mul(dLogits, tf.div(dy, temperature)); // d loss / d (a . c), [Na, Nc]
    const gT = tf.transpose(g);
    if (shared) return [tf.matMul(tf.add(g, gT), c)];
    return [tf.matMul(g, c), tf.matMul(gT, a)];
  };

  const op = tf.customGrad<tf.Scalar>((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const a = args[0] as tf.Tensor2D;
    const c = (shared ? args[0] : args[1]) as tf.Tensor2D;
    return { value: forward(a, c, save), gradFunc: backward };
  });
  return shared ? op(anchors) : op(anchors, contrast);
}
