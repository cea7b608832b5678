import { classPlugin, parsePluginOptions, z } from '@contrastive/core';
import * as tf from '@tensorflow/tfjs-core';
import { gradientFor, isBiasOrNorm, SlottedOptimizer } from './optimizer';

/** Options of the `lars` optimizer. */
export const larsOptionsSchema = z
  .object({
    momentum: z.number().nonnegative().max(1).default(0.9),
    weightDecay: z.number().nonnegative().default(1e-6),
    trustCoefficient: z.number().positive().default(0.001).describe('trust coefficient η of You et al. (SimCLR uses 0.001)'),
    epsilon: z.number().nonnegative().default(1e-9).describe('added to the norms of the trust ratio; 0 allowed where no norm can be 0'),
  })
  .strict();

/** Options of {@link LarsOptimizer}. */
export type LarsOptions = z.input<typeof larsOptionsSchema>;

/**
 * LARS as SimCLR uses it: for weights (not biases or batch-norm parameters) the update is
 * scaled by the trust ratio η·‖w‖ / ‖g + wd·w‖; biases and norm parameters get plain
 * momentum SGD without weight decay.
 */
export class LarsOptimizer extends SlottedOptimizer {
  readonly kind = 'lars';

  private readonly options: z.output<typeof larsOptionsSchema>;

  constructor(options: LarsOptions = {}) {
    super();
    this.options = parsePluginOptions(larsOptionsSchema, options, { kind: 'optimizer', id: 'lars' });
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

/** The `lars` optimizer plugin. */
export const larsPlugin = classPlugin('optimizer', 'lars', larsOptionsSchema, LarsOptimizer, {
  description: 'LARS (SimCLR): layer-wise trust ratio, biases and batch norm excluded',
});
