import * as tf from '@tensorflow/tfjs-core';
import { gradientFor, isBiasOrNorm, SlottedOptimizer } from './optimizer';

export interface LarsOptions {
  momentum: number;
  weightDecay: number;
  /** Trust coefficient η of You et al. (SimCLR uses 0.001). */
  trustCoefficient: number;
  epsilon: number;
}

/**
 * LARS as SimCLR uses it: for weights (not biases or batch-norm parameters) the update is
 * scaled by the trust ratio η·‖w‖ / ‖g + wd·w‖; biases and norm parameters get plain
 * momentum SGD without weight decay.
 */
export class LarsOptimizer extends SlottedOptimizer {
  readonly kind = 'lars';

  constructor(private readonly options: LarsOptions) {
    super();
  }

  applyGradients(variables: tf.Variable[], grads: tf.NamedTensorMap, learningRate: number): void {
    const { momentum, weightDecay, trustCoefficient, epsilon } = this.options;
    tf.tidy(() => {
      for (const [position, variable] of variables.entries()) {
        const grad = gradientFor(grads, variable);
        if (!grad) continue;
        let update = grad;
        if (!isBiasOrNorm(variable)) {
          if (weightDecay > 0) update = tf.add(update, tf.mul(variable, weightDecay));
          const weightNorm = tf.norm(variable);
          const updateNorm = tf.norm(update);
          // Trust ratio falls back to 1 when either norm is zero (fresh zero-initialised weights).
          const ratio = tf.where(
            tf.logicalAnd(tf.greater(weightNorm, 0), tf.greater(updateNorm, 0)),
            tf.div(tf.mul(weightNorm, trustCoefficient), tf.add(updateNorm, epsilon)),
            tf.onesLike(weightNorm),
          );
          update = tf.mul(update, ratio);
        }
        const buffer = this.slots.get(String(position), variable);
        const next = tf.add(tf.mul(buffer, momentum), tf.mul(update, learningRate));
        buffer.assign(next);
        variable.assign(tf.sub(variable, next));
      }
    });
    this.step += 1;
  }
}
