import { classPlugin, parsePluginOptions, z } from '@contrastive/core';
import * as tf from '@tensorflow/tfjs-core';
import { gradientFor, SlottedOptimizer } from './optimizer';

/** Options of the `adam` optimizer. */
export const adamOptionsSchema = z
  .object({
    beta1: z.number().nonnegative().lt(1).default(0.9),
    beta2: z.number().nonnegative().lt(1).default(0.999),
    epsilon: z.number().positive().default(1e-8),
    weightDecay: z.number().nonnegative().default(0),
    decoupled: z.boolean().default(false).describe('decoupled weight decay (AdamW) instead of L2 added to the gradient'),
  })
  .strict();

/** Options of {@link AdamOptimizer}. */
export type AdamOptions = z.input<typeof adamOptionsSchema>;

/** Adam / AdamW with bias correction, PyTorch semantics. */
export class AdamOptimizer extends SlottedOptimizer {
  readonly kind = 'adam';

  private readonly options: z.output<typeof adamOptionsSchema>;

  constructor(options: AdamOptions = {}) {
    super();
    this.options = parsePluginOptions(adamOptionsSchema, options, { kind: 'optimizer', id: 'adam' });
  }

  applyGradients(variables: tf.Variable[], grads: tf.NamedTensorMap, learningRate: number): void {
    const { beta1, beta2, epsilon, weightDecay, decoupled } = this.options;
    const t = this.step + 1;
    const correction1 = 1 - beta1 ** t;
    const correction2 = 1 - beta2 ** t;
    tf.tidy(() => {
      for (const [position, variable] of variables.entries()) {
        const grad = gradientFor(grads, variable);
        if (!grad) continue;
        const g = weightDecay > 0 && !decoupled ? tf.add(grad, tf.mul(variable, weightDecay)) : grad;
        const m = this.slots.get(`${position}/m`, variable);
        const v = this.slots.get(`${position}/v`, variable);
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const denominator = tf.add(tf.sqrt(tf.div(v, correction2)), epsilon);
        let next = tf.sub(variable, tf.mul(tf.div(tf.div(m, correction1), denominator), learningRate));
        if (weightDecay > 0 && decoupled) next = tf.sub(next, tf.mul(variable, learningRate * weightDecay));
        variable.assign(next);
      }
    });
    this.step = t;
  }
}

/** The `adam` optimizer plugin. */
export const adamPlugin = classPlugin('optimizer', 'adam', adamOptionsSchema, AdamOptimizer, {
  description: 'Adam / AdamW with bias correction',
});
