import * as tf from '@tensorflow/tfjs-core';
import { classPlugin, z } from '@contrastive/core';
import { l2Normalize } from '../internal/math';
import { validateOption } from '../internal/options';
import { twoViewLoss } from '../internal/two-view-loss';
import { withoutGradient } from '../internal/without-gradient';
import { decoupledContrastive } from './dcl-core';

/** Options of {@link DCLWLoss} (defaults as lightly's `DCLWLoss`). */
export const dclwOptionsSchema = z
  .object({
    temperature: z.number().positive().default(0.1).describe('softmax temperature t (> 0)'),
    sigma: z.number().positive().default(0.5).describe('temperature of the von Mises-Fisher weighting of the positives (> 0)'),
    validate: validateOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type DCLWLossOptions = z.input<typeof dclwOptionsSchema>;

/**
 * Weighted decoupled contrastive loss (Yeh et al. 2022), lightly's `DCLWLoss`: {@link DCLLoss}
 * with each positive term weighted by `w_i = 2 - N * softmax_i(a_i.b_i / sigma)`, so positive
 * pairs that are already close (easy) weigh less. The weights are constants (no gradient).
 *
 * @example
 * ```ts
 * const value = new DCLWLoss({ temperature: 0.1, sigma: 0.5 }).compute(features); // [N, 2, D]
 * ```
 */
export class DCLWLoss extends twoViewLoss('DCLWLoss', 'dclw', dclwOptionsSchema) {
  /** Views normalised inside; N = 1 has no negatives; the positives weighted by {@link weights}. */
  computeViews(a: tf.Tensor2D, b: tf.Tensor2D): tf.Scalar {
    return decoupledContrastive(a, b, this.temperature, this.weights(a, b));
  }

  /** `2 - N * softmax(a_i.b_i / sigma)` over the batch, on normalised rows, as a constant. */
  weights(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
    const n = a.shape[0];
    return withoutGradient(() => {
      const positive = tf.sum(tf.mul(l2Normalize(a), l2Normalize(b)), 1);
      return tf.sub(2, tf.mul(tf.softmax(tf.div(positive, this.sigma)), n)) as tf.Tensor1D;
    });
  }
}

/** `dclw`: weighted decoupled contrastive loss on two views; self-supervised (`supervised: false`). */
export const dclwPlugin = classPlugin('loss', 'dclw', dclwOptionsSchema, DCLWLoss, {
  description:
    'DCLW (Yeh et al. 2022, lightly): DCL with easy positives down-weighted by a vMF weighting; [N, 2, D], no labels',
});
