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
 * alpha (g + gᵀ) c: the backend's {@link SYMMETRIZED_MATMUL} when it has one, else g c + gᵀ c as
 * two matMuls. One matMul of the explicitly symmetrised g measured 2x faster on wasm + native, but
 * its rounding moved the trainers' PyTorch-parity gradients (a head bias, 3e-5 -> 1e-4 relative
 * error); two products added afterwards is the order PyTorch's autograd takes.
 */
export function symmetrizedMatMul(g: tf.Tensor2D, c: tf.Tensor2D, alpha: number): tf.Tensor2D {
  if (available(SYMMETRIZED_MATMUL)) {
    return tf.engine().runKernel(SYMMETRIZED_MATMUL, { g, c }, { alpha }) as tf.Tensor2D;
  }
  const product = tf.add(tf.matMul(g, c), tf.matMul(g, c, true, false)) as tf.Tensor2D;
  return alpha === 1 ? product : (tf.mul(product, alpha) as tf.Tensor2D);
}
