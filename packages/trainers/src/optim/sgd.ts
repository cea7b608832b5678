import { classPlugin, parsePluginOptions, z } from '@contrastive/core';
import * as tf from '@tensorflow/tfjs-core';
import { gradientFor, isBiasOrNorm, SlottedOptimizer } from './optimizer';

/** Options of the `sgd` optimizer. */
export const sgdOptionsSchema = z
  .object({
    momentum: z.number().nonnegative().max(1).default(0.9),
    weightDecay: z.number().nonnegative().default(1e-4).describe('coupled (L2) weight decay'),
    nesterov: z.boolean().default(false),
    decayBiasAndNorm: z.boolean().default(true).describe("apply weight decay to biases and normalisation parameters too (PyTorch's default is yes)"),
  })
  .strict();

/** Options of {@link SgdOptimizer}. */
export type SgdOptions = z.input<typeof sgdOptionsSchema>;

/**
 * SGD with momentum and coupled (L2) weight decay, PyTorch semantics:
 * `g' = g + wd·w; buf = μ·buf + g'; w -= lr·(nesterov ? g' + μ·buf : buf)`.
 */
export class SgdOptimizer extends SlottedOptimizer {
  readonly kind = 'sgd';

  private readonly options: z.output<typeof sgdOptionsSchema>;

  constructor(options: SgdOptions = {}) {
    super();
    this.options = parsePluginOptions(sgdOptionsSchema, options, { kind: 'optimizer', id: 'sgd' });
  }

  applyGradients(variables: tf.Variable[], grads: tf.NamedTensorMap, learningRate: number): void {
    const { momentum, weightDecay, nesterov, decayBiasAndNorm } = this.options;
    tf.tidy(() => {
      for (const [position, variable] of variables.entries()) {
        const grad = gradientFor(grads, variable);
        if (!grad) continue;
        const decay = weightDecay > 0 && (decayBiasAndNorm || !isBiasOrNorm(variable));
        const g = decay ? tf.add(grad, tf.mul(variable, weightDecay)) : grad;
        if (momentum === 0) {
          variable.assign(tf.sub(variable, tf.mul(g, learningRate)));
          continue;
        }
        const buffer = this.slots.get(String(position), variable);
        // The buffer starts at zero, so the first step sets it to g exactly as PyTorch does.
        const next = tf.add(tf.mul(buffer, momentum), g);
        buffer.assign(next);
        const update = nesterov ? tf.add(g, tf.mul(next, momentum)) : next;
        variable.assign(tf.sub(variable, tf.mul(update, learningRate)));
      }
    });
    this.step += 1;
  }
}

/** The `sgd` optimizer plugin. */
export const sgdPlugin = classPlugin('optimizer', 'sgd', sgdOptionsSchema, SgdOptimizer, {
  description: 'SGD with momentum and L2 weight decay (PyTorch semantics)',
});
