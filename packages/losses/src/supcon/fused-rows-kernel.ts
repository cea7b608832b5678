import * as tf from '@tensorflow/tfjs-core';

/**
 * A kernel a backend may provide for SupCon's O(N²) element-wise part (masked softmax, the
 * loss, d loss / d logits in one pass): when the active backend has it, SupCon runs that part as
 * this one kernel instead of ~20 tfjs ops. @contrastive/backend-native registers it on wasm;
 * where no backend has it, SupCon composes the same maths from tfjs ops (the reference: both
 * paths are tested to agree). This file is the contract both sides import:
 * - inputs ({@link FusedSupConRowsInputs}): `logits` `[Na, Nc]` float32 (already / temperature);
 *   either `positive` `[Na, Nc]` float32 (self removed) or `anchorLabels` `[Na]` +
 *   `contrastLabels` `[Nc]` int32; optional `selfIndex` `[Na]` int32 (-1 = none), the column
 *   left out of each anchor's softmax;
 * - attrs ({@link FusedSupConRowsAttrs});
 * - outputs: `loss` `[]` and `gradient` `[Na, Nc]` = d loss / d logits.
 */
export const FUSED_SUPCON_ROWS = 'FusedSupConRows';

/** The named inputs of {@link FUSED_SUPCON_ROWS}. */
export interface FusedSupConRowsInputs<T = tf.Tensor> {
  /** `[A, M]` scaled similarities of the anchors to the contrast rows. */
  logits: T;
  /** `[A, M]` positive mask, when positives are not given by labels. */
  positive?: T;
  /** `[A]` labels of the anchors. */
  anchorLabels?: T;
  /** `[M]` labels of the contrast rows. */
  contrastLabels?: T;
  /** `[A]` the contrast row that is each anchor itself (-1 if none), left out of both sums. */
  selfIndex?: T;
}

/** The attributes of {@link FUSED_SUPCON_ROWS}. */
export interface FusedSupConRowsAttrs {
  /** `out`: L_out, mean over positives outside the log; `in`: L_in. */
  variant: 'out' | 'in';
  /** An anchor without positives gives 0 (`zero`) or leaves the mean (`exclude`). */
  noPositive: 'zero' | 'exclude';
  /** temperature / baseTemperature. */
  scale: number;
  /** How far the self logit is pushed down. */
  maskOffset: number;
}

/** True when the active backend has the fused SupCon kernel. */
export function fusedSupConRowsAvailable(): boolean {
  return tf.getKernel(FUSED_SUPCON_ROWS, tf.getBackend()) !== undefined;
}
