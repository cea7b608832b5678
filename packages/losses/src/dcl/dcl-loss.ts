import * as tf from '@tensorflow/tfjs-core';
import { classPlugin, z } from '@contrastive/core';
import { validateOption } from '../internal/options';
import { twoViewLoss } from '../internal/two-view-loss';
import { decoupledContrastive } from './dcl-core';

/** Options of {@link DCLLoss} (default temperature as lightly's `DCLLoss`). */
export const dclOptionsSchema = z
  .object({
    temperature: z.number().positive().default(0.1).describe('softmax temperature t (> 0)'),
    validate: validateOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
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
export class DCLLoss extends twoViewLoss('DCLLoss', 'dcl', dclOptionsSchema) {
  /** Views normalised inside; N = 1 has no negatives. */
  computeViews(a: tf.Tensor2D, b: tf.Tensor2D): tf.Scalar {
    return decoupledContrastive(a, b, this.temperature);
  }
}

/** `dcl`: decoupled contrastive loss on two views; self-supervised (`supervised: false`). */
export const dclPlugin = classPlugin('loss', 'dcl', dclOptionsSchema, DCLLoss, {
  description:
    'DCL (Yeh et al. 2022, lightly): NT-Xent without the positive in the denominator; [N, 2, D], no labels',
});
