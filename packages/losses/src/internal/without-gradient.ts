import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `fn` as a constant for automatic differentiation (`torch.no_grad()` / `.detach()`): its
 * ops are not recorded on an active gradient tape and nothing flows back into the tensors it
 * reads. This is where masks from comparisons (`greater`, `less`, which have no gradient in tfjs)
 * and stop-gradient targets are computed.
 *
 * tfjs runs the forward function of a `customGrad` op as one kernel and stops taping inside
 * kernels; the op's only input is a fresh scalar, so it lies on no path from an input to the loss.
 * `fn` must return a new tensor (not one of its inputs).
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
