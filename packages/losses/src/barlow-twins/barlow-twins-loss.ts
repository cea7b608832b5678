import * as tf from '@tensorflow/tfjs-core';
import { classPlugin, z } from '@contrastive/core';
import { crossCorrelationSquaredSum } from '../internal/correlation';
import { validateOption } from '../internal/options';
import { twoViewLoss } from '../internal/two-view-loss';

/** Options of {@link BarlowTwinsLoss} (defaults as lightly's `BarlowTwinsLoss`). */
export const barlowTwinsOptionsSchema = z
  .object({
    lambda: z.number().min(0).default(0.005).describe('weight of the off-diagonal (redundancy reduction) term'),
    validate: validateOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type BarlowTwinsLossOptions = z.input<typeof barlowTwinsOptionsSchema>;

/** Added to the batch variance before the square root, as `F.batch_norm`'s default eps. */
const BATCH_NORM_EPS = 1e-5;

/**
 * Barlow Twins (Zbontar et al. 2021), lightly's `BarlowTwinsLoss`: each view is standardised per
 * feature over the batch (biased variance, eps 1e-5), `c = z_a^T z_b / N` is their `[D, D]`
 * cross-correlation, and `L = sum_i (1 - c_ii)^2 + lambda * sum_{i != j} c_ij^2` (sums, not means).
 *
 * @example
 * ```ts
 * const loss = new BarlowTwinsLoss({ lambda: 0.005 });
 * const value = loss.compute(features); // [N, 2, D]: the projector's output for both views
 * ```
 */
export class BarlowTwinsLoss extends twoViewLoss('BarlowTwinsLoss', 'barlow-twins', barlowTwinsOptionsSchema) {
  /** N >= 2: a batch variance needs two samples. */
  computeViews(a: tf.Tensor2D, b: tf.Tensor2D): tf.Scalar {
    const n = a.shape[0];
    const za = standardize(a);
    const zb = standardize(b);
    // c = z_a^T z_b / N: its diagonal, and sum_{i != j} c_ij^2 = ||c||_F^2 - sum_i c_ii^2 without
    // forming c when D > N (D is wide here, 8192 in the paper).
    const diagonal = tf.div(tf.sum(tf.mul(za, zb), 0), n);
    const onDiagonal = tf.sum(tf.square(tf.sub(diagonal, 1)));
    const offDiagonal = tf.sub(tf.div(crossCorrelationSquaredSum(za, zb), n * n), tf.sum(tf.square(diagonal)));
    return tf.add(onDiagonal, tf.mul(offDiagonal, this.lambda)) as tf.Scalar;
  }
}

/** Per-feature batch standardisation with the biased variance (`F.batch_norm(training=True)`, no affine). */
function standardize(x: tf.Tensor2D): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, 0, true);
  return tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, BATCH_NORM_EPS)));
}

/** `barlow-twins`: redundancy reduction on two views; self-supervised (`supervised: false`). */
export const barlowTwinsPlugin = classPlugin('loss', 'barlow-twins', barlowTwinsOptionsSchema, BarlowTwinsLoss, {
  description:
    'Barlow Twins (Zbontar et al. 2021, lightly): cross-correlation of two views towards the identity; [N, 2, D], no labels',
});
