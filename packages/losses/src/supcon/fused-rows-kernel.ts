import * as tf from '@tensorflow/tfjs-core';

/**
 * A kernel a backend may provide for SupCon's O(N²) element-wise part (masked softmax, the
 * loss, d loss / d logits in one pass). @contrastive/backend-native registers it on wasm; where
 * no backend has it, SupCon composes the same maths from tfjs ops (the reference: both paths
 * are tested to agree). Contract: see @contrastive/backend-native's `fused-supcon-rows.ts`.
 */
export const FUSED_SUPCON_ROWS = 'FusedSupConRows';

/** True when the active backend has the fused SupCon kernel. */
export function fusedSupConRowsAvailable(): boolean {
  return tf.getKernel(FUSED_SUPCON_ROWS, tf.getBackend()) !== undefined;
}
