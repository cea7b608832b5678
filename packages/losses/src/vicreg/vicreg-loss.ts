import * as tf from '@tensorflow/tfjs-core';
import { classPlugin, z } from '@contrastive/core';
import { crossCorrelationSquaredSum } from '../internal/correlation';
import { validateOption } from '../internal/options';
import { twoViewLoss } from '../internal/two-view-loss';

/** Options of {@link VICRegLoss} (defaults as lightly's `VICRegLoss` and the paper). */
export const vicRegOptionsSchema = z
  .object({
    lambda: z.number().min(0).default(25).describe('weight of the invariance term (mean squared error between the views)'),
    mu: z.number().min(0).default(25).describe('weight of the variance term (hinge on each feature\'s standard deviation)'),
    nu: z.number().min(0).default(1).describe('weight of the covariance term (off-diagonal covariances)'),
    eps: z.number().positive().default(1e-4).describe('added to the variance before the square root'),
    validate: validateOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type VICRegLossOptions = z.input<typeof vicRegOptionsSchema>;

/**
 * VICReg (Bardes et al. 2022), lightly's `VICRegLoss`:
 * `L = lambda * mse(z_a, z_b) + mu * (V(z_a) + V(z_b)) / 2 + nu * (C(z_a) + C(z_b))` with
 * `V(x) = mean_d relu(1 - sqrt(var_d(x) + eps))` (unbiased variance) and
 * `C(x) = sum_{i != j} cov_ij(x)^2 / D` (covariance over N - 1).
 *
 * @example
 * ```ts
 * const value = new VICRegLoss().compute(features); // [N, 2, D], N >= 2
 * ```
 */
export class VICRegLoss extends twoViewLoss('VICRegLoss', 'vicreg', vicRegOptionsSchema) {
  /** N >= 2: an unbiased variance needs two samples. */
  computeViews(a: tf.Tensor2D, b: tf.Tensor2D): tf.Scalar {
    const invariance = tf.mean(tf.squaredDifference(a, b));
    const variance = tf.mul(tf.add(this.varianceTerm(a), this.varianceTerm(b)), 0.5);
    const covariance = tf.add(covarianceTerm(a), covarianceTerm(b));
    return tf.addN([tf.mul(invariance, this.lambda), tf.mul(variance, this.mu), tf.mul(covariance, this.nu)]) as tf.Scalar;
  }

  private varianceTerm(x: tf.Tensor2D): tf.Scalar {
    const n = x.shape[0];
    const centred = tf.sub(x, tf.mean(x, 0, true));
    const unbiased = tf.div(tf.sum(tf.square(centred), 0), n - 1);
    return tf.mean(tf.relu(tf.sub(1, tf.sqrt(tf.add(unbiased, this.eps)))));
  }
}

/** `sum_{i != j} cov_ij^2 / D` with `cov = (x - mean)^T (x - mean) / (N - 1)`. */
function covarianceTerm(x: tf.Tensor2D): tf.Scalar {
  const [n, d] = x.shape;
  const centred = tf.sub(x, tf.mean(x, 0, true)) as tf.Tensor2D;
  // sum_{i != j} cov_ij^2 = ||cov||_F^2 - sum_i var_i^2, without forming cov when D > N (D is wide, 8192 in the paper).
  const all = tf.div(crossCorrelationSquaredSum(centred, centred), (n - 1) * (n - 1));
  const variances = tf.div(tf.sum(tf.square(centred), 0), n - 1);
  return tf.div(tf.sub(all, tf.sum(tf.square(variances))), d);
}

/** `vicreg`: variance-invariance-covariance regularisation on two views; self-supervised (`supervised: false`). */
export const vicRegPlugin = classPlugin('loss', 'vicreg', vicRegOptionsSchema, VICRegLoss, {
  description:
    'VICReg (Bardes et al. 2022, lightly): invariance + variance + covariance terms on two views; [N, 2, D], no labels',
});
