import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `fn` as a constant for automatic differentiation: its ops are not recorded on an active
 * gradient tape (so no activations are kept for them) and nothing flows back into the tensors
 * it closes over. This is `torch.no_grad()` for the key encoder and memory reads.
 *
 * tfjs runs the forward function of a `customGrad` op as one kernel, and the engine stops
 * taping inside kernels; the op's only input is a fresh constant, so it lies on no path from a
 * variable to the loss. `fn` must return a new tensor (not a variable or an input).
 */
export function withoutGradient<T extends tf.Tensor>(fn: () => T): T {
  const anchor = tf.scalar(0);
  try {
    const op = tf.customGrad<T>((...inputs) => ({
      value: fn(),
      gradFunc: () => tf.zerosLike(inputs[0] as tf.Tensor),
    }));
    return op(anchor);
  } finally {
    anchor.dispose();
  }
}
