import * as tf from '@tensorflow/tfjs-core';
import { definePlugin, z } from '@contrastive/core';
import type { ContrastiveLoss, LossTarget } from '../types';
import { parseOptions, validateOption } from '../internal/options';
import { rejectTarget, twoViews } from '../internal/views';
import { decoupledContrastive } from './dcl-core';

/** Options of {@link DCLLoss} (default temperature as lightly's `DCLLoss`). */
export const dclOptionsSchema = z
  .object({
    temperature: z.number().positive().default(0.1).describe('softmax temperature t (> 0)'),
    validate: validateOption,
  })
  .strict();

export type DCLLossOptions = z.input<typeof dclOptionsSchema>;

/**
 * Decoupled contrastive learning (Yeh et al. 2022), lightly's `DCLLoss`: NT-Xent on two views
 * with the positive pair removed from the denominator, which takes away the negative-positive
 * coupling that makes SimCLR need large batches. Can be negative.
 *
 * @example
 * ```ts
 * const value = new DCLLoss({ temperature: 0.1 }).compute(features); // [N, 2, D]
 * ```
 */
export class DCLLoss implements ContrastiveLoss {
  /** Takes `[N, 2, D]` batches (the in-batch strategy passes the views as they are). */
  readonly acceptsViews = true;
  readonly temperature: number;
  readonly validate: boolean;

  constructor(options: DCLLossOptions = {}) {
    const parsed = parseOptions(dclOptionsSchema, options, 'DCLLoss');
    this.temperature = parsed.temperature;
    this.validate = parsed.validate;
  }

  /**
   * @param features `[N, 2, D]` float32 (normalised inside), N >= 2 (N = 1 has no negatives).
   * @param target must be empty: the loss uses no labels.
   */
  compute(features: tf.Tensor, target?: LossTarget): tf.Scalar {
    const who = 'DCLLoss.compute';
    rejectTarget(target, who);
    return tf.tidy(() => {
      const [a, b] = twoViews(features, who, this.validate, 2);
      return decoupledContrastive(a, b, this.temperature);
    });
  }
}

/** `dcl`: decoupled contrastive loss on two views; self-supervised (`supervised: false`). */
export const dclPlugin = definePlugin({
  kind: 'loss',
  id: 'dcl',
  description: 'DCL (Yeh et al. 2022, lightly): NT-Xent without the positive in the denominator; [N, 2, D], no labels',
  optionsSchema: dclOptionsSchema,
  create: (options) => new DCLLoss(options),
});
