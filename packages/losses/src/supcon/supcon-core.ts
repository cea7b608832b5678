import * as tf from '@tensorflow/tfjs-core';
import { MASK_OFFSET, indexMask } from '../internal/math';
import { FUSED_SUPCON_ROWS, fusedSupConRowsAvailable, type FusedSupConRowsAttrs, type FusedSupConRowsInputs } from './fused-rows-kernel';
import { symmetricGram, symmetrizedMatMul } from './shared-gemm-kernels';

/** What {@link supConCore} needs: anchors, contrast rows and the masks between them. */
export interface SupConCoreInput {
  /** Anchor rows `[Na, D]`. */
  anchors: tf.Tensor2D;
  /** Contrast rows `[Nc, D]`; may be the same tensor as `anchors` (every view an anchor). */
  contrast: tf.Tensor2D;
  /**
   * Positive weights `[Na, Nc]` (0/1), self pairs already removed; a function when they can be
   * derived from `labels` (then built only if the fused kernel is not there).
   */
  positive: tf.Tensor2D | (() => tf.Tensor2D);
  /** Integer labels of anchors `[Na]` and contrast rows `[Nc]` when positives are "same label, not self". */
  labels?: { anchors: tf.Tensor1D; contrast: tf.Tensor1D };
  /** Per anchor, the contrast row that is the anchor itself (left out of the softmax), -1 if none. */
  selfIndex: tf.Tensor1D | null;
  temperature: number;
  baseTemperature: number;
  variant: 'out' | 'in';
  noPositive: 'zero' | 'exclude';
}

/**
 * SupCon for anchors against a contrast set with a hand-written gradient, so the whole
 * forward + backward is three `[N, D] x [D, N]`-sized matMuls plus the O(Na Nc) element-wise
 * part (never a `[Na, Nc, D]` intermediate). That element-wise part runs as one fused kernel
 * when the backend has one ({@link FUSED_SUPCON_ROWS}, e.g. @contrastive/backend-native on
 * wasm), else as ~20 tfjs ops (the reference the fused kernel is tested against).
 *
 * With s = anchors . contrast / t, softmax p_ij over j != self(i), and positives P(i):
 * L_out(i) = lse_i - mean_{p in P(i)} s_ip, L_in(i) = lse_i - lse_{p in P(i)} s_ip + log |P(i)|,
 * both times temperature / baseTemperature. Anchors without positives give 0 and count in the
 * mean (`zero`) or are left out (`exclude`). dL/ds_ij = w_i (p_ij - q_ij), q the positive target
 * (uniform over P(i) for L_out, softmax restricted to P(i) for L_in).
 */
export function supConCore(input: SupConCoreInput): tf.Scalar {
  return fusedSupConRowsAvailable() ? fusedSupCon(input) : composedSupCon(input);
}

/** Runs `forward` as a customGrad op over the anchors (and the contrast rows unless shared). */
function asOp(
  input: SupConCoreInput,
  forward: (a: tf.Tensor2D, c: tf.Tensor2D, save: tf.GradSaveFunc) => tf.Scalar,
  backward: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[],
): tf.Scalar {
  const shared = input.anchors === input.contrast;
  const op = tf.customGrad<tf.Scalar>((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const a = args[0] as tf.Tensor2D;
    const c = (shared ? args[0] : args[1]) as tf.Tensor2D;
    return { value: forward(a, c, save), gradFunc: backward };
  });
  return shared ? op(input.anchors) : op(input.anchors, input.contrast);
}

/**
 * The backend's fused kernel (e.g. @contrastive/backend-native's) does the softmax, the loss and
 * d loss / d logits in one pass; around it, one matMul forward and two backward, the transposed
 * operand read in place (a native matMul takes it through strides; on plain wasm our matMul
 * wrapper copies it, which costs what the composed path's explicit transpose costs). With shared
 * anchors and contrast rows the logits are a symmetric gram (half the work where the backend has a
 * kernel for it) and the backward is one product (g + gᵀ) c where the backend has a kernel for
 * that (./shared-gemm-kernels).
 */
function fusedSupCon(input: SupConCoreInput): tf.Scalar {
  const { selfIndex, labels, temperature, baseTemperature, variant, noPositive } = input;
  const shared = input.anchors === input.contrast;
  const rows = labels
    ? {
        anchorLabels: labels.anchors.dtype === 'int32' ? labels.anchors : tf.cast(labels.anchors, 'int32'),
        contrastLabels: labels.contrast.dtype === 'int32' ? labels.contrast : tf.cast(labels.contrast, 'int32'),
      }
    : { positive: typeof input.positive === 'function' ? input.positive() : input.positive };
  const attrs: FusedSupConRowsAttrs = { variant, noPositive, scale: temperature / baseTemperature, maskOffset: MASK_OFFSET };
  const forward = (a: tf.Tensor2D, c: tf.Tensor2D, save: tf.GradSaveFunc) => {
    const logits = shared ? symmetricGram(a, 1 / temperature) : tf.matMul(tf.mul(a, 1 / temperature), c, false, true);
    const inputs: FusedSupConRowsInputs = { logits, ...rows, ...(selfIndex ? { selfIndex } : {}) };
    const [loss, gradient] = tf.engine().runKernel(FUSED_SUPCON_ROWS, inputs as unknown as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    save([a, c, gradient]);
    return loss as tf.Scalar;
  };
  const backward = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [a, c, g] = saved;
    const upstream = tf.div(dy, temperature); // d loss / d (a . c) = g * dy / t
    if (shared) return [tf.mul(symmetrizedMatMul(g as tf.Tensor2D, c as tf.Tensor2D, 1), upstream)];
    return [tf.mul(tf.matMul(g, c), upstream), tf.mul(tf.matMul(g, a, true, false), upstream)];
  };
  return asOp(input, forward, backward);
}

/** The element-wise part as tfjs ops; transposes are explicit copies (transposed matMuls are slow on plain wasm). */
function composedSupCon(input: SupConCoreInput): tf.Scalar {
  const { anchors, contrast, selfIndex, temperature, baseTemperature, variant, noPositive } = input;
  const positive = typeof input.positive === 'function' ? input.positive() : input.positive;
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
  return asOp(input, forward, backward);
}
