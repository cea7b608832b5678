import * as tf from '@tensorflow/tfjs-core';

/**
 * Kernels a backend may provide for SupCon's two products when anchors and contrast rows are one
 * tensor x `[N, D]` (every view an anchor, SupContrast's `all` mode); @contrastive/backend's
 * WebAssembly SIMD kernels register both on wasm. Where a backend lacks one, SupCon composes the
 * same product from tfjs ops (the reference both are tested against). This file is the contract:
 * - {@link SYMMETRIC_GRAM}: input `x` `[N, D]` float32, attr `alpha`; output `[N, N]` = alpha x xᵀ
 *   (symmetric: a kernel may compute one triangle and mirror it);
 * - {@link SYMMETRIZED_MATMUL}: inputs `g` `[N, N]`, `c` `[N, D]` float32, attr `alpha`; output
 *   `[N, D]` = alpha (g + gᵀ) c (one product instead of g c + gᵀ c).
 */
export const SYMMETRIC_GRAM = 'SymmetricGram';
/** See {@link SYMMETRIC_GRAM}. */
export const SYMMETRIZED_MATMUL = 'SymmetrizedMatMul';

const available = (kernelName: string) => tf.getKernel(kernelName, tf.getBackend()) !== undefined;

/** alpha x xᵀ: the backend's {@link SYMMETRIC_GRAM} when it has one, else a tfjs matMul. */
export function symmetricGram(x: tf.Tensor2D, alpha: number): tf.Tensor2D {
  if (available(SYMMETRIC_GRAM)) {
    return tf.engine().runKernel(SYMMETRIC_GRAM, { x }, { alpha }) as tf.Tensor2D;
  }
  return tf.matMul(tf.mul(x, alpha), x, false, true);
}

/**
 * alpha (g + gᵀ) c: the backend's {@link SYMMETRIZED_MATMUL} when it has one, else one matMul of
 * the explicitly symmetrised g (an N² add and transpose instead of a second `[N, N] x [N, D]` product).
 */
export function symmetrizedMatMul(g: tf.Tensor2D, c: tf.Tensor2D, alpha: number): tf.Tensor2D {
  if (available(SYMMETRIZED_MATMUL)) {
    return tf.engine().runKernel(SYMMETRIZED_MATMUL, { g, c }, { alpha }) as tf.Tensor2D;
  }
  const product = tf.matMul(tf.add(g, tf.transpose(g)), c) as tf.Tensor2D;
  return alpha === 1 ? product : (tf.mul(product, alpha) as tf.Tensor2D);
}
