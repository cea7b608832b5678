import * as tf from '@tensorflow/tfjs-core';
import { withOptions, z } from '@contrastive/core';
import { assertFloatRank, lossGuard } from '../internal/validate';
import { validateOption } from '../internal/options';
import { withoutGradient } from '../internal/without-gradient';

/** Options of {@link NegativeCosineLoss}. */
export const negativeCosineOptionsSchema = z
  .object({
    symmetric: z
      .boolean()
      .default(false)
      .describe('two views, each prediction against the other view\'s target: 0.5 * (D(p0, z1) + D(p1, z0)) (BYOL, SimSiam)'),
    validate: validateOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type NegativeCosineLossOptions = z.input<typeof negativeCosineOptionsSchema>;

/** What {@link NegativeCosineLoss.compute} compares the predictions against. */
export interface NegativeCosineTarget {
  /** `[N, V, D]`, the same shape as the predictions; no gradient flows into them. */
  targets: tf.Tensor;
}

/** Guards `|p| |z|` away from 0 as `F.cosine_similarity`'s eps does. */
const COSINE_EPS = 1e-8;

/**
 * Negative cosine similarity for BYOL (Grill et al. 2020) and SimSiam (Chen & He 2021), lightly's
 * `NegativeCosineSimilarity` / `SymNegCosineSimilarityLoss`: `D(p, z) = -mean_n cos(p_n, z_n)`
 * with the targets `z` stop-gradient. `symmetric: false` averages `D(p_v, z_v)` over the V views
 * (V = 1 is the plain loss); `symmetric: true` needs V = 2 and gives `0.5 * (D(p0, z1) + D(p1, z0))`.
 *
 * It is not a config plugin: the predictions come from a predictor head and the targets from the
 * target network (EMA for BYOL, the same network for SimSiam), which the contrastive trainer does
 * not build (see docs/losses.md).
 *
 * @example
 * ```ts
 * const byol = new NegativeCosineLoss({ symmetric: true });
 * const value = byol.compute(predictions, { targets }); // [N, 2, D] each
 * ```
 */
export class NegativeCosineLoss extends withOptions(negativeCosineOptionsSchema, { kind: 'loss', id: 'negative-cosine' }) {
  /**
   * Negative cosine similarity of `predictions` with the target vectors.
   * @param predictions `[N, V, D]` float32 (the predictor's output for each view).
   * @param target `{ targets }` `[N, V, D]` (the target network's output; treated as a constant).
   */
  compute(predictions: tf.Tensor, target: NegativeCosineTarget): tf.Scalar {
    const who = 'NegativeCosineLoss.compute';
    const p = assertFloatRank(predictions, 3, '[N, V, D]', 'predictions', who, '; pass [N, 1, D] for a single view');
    if (!target || target.targets === undefined) throw new Error(`${who}: target.targets [${p.shape.join(', ')}] is required`);
    const z = assertFloatRank(target.targets, 3, '[N, V, D]', 'target.targets', who);
    if (z.shape.some((s, i) => s !== p.shape[i])) {
      throw new Error(`${who}: target.targets must have the predictions' shape [${p.shape.join(', ')}], got [${z.shape.join(', ')}]`);
    }
    const views = p.shape[1];
    if (this.symmetric && views !== 2) throw new Error(`${who}: symmetric: true needs exactly 2 views ([N, 2, D]), got V = ${views}`);
    const guard = lossGuard(this.validate, [{ tensor: p, name: 'predictions', kind: 'finite' }, { tensor: z, name: 'target.targets', kind: 'finite' }], who);
    return tf.tidy(() => {
      const unitP = unitRows(p);
      // Views swapped for the symmetric loss: p0 meets z1, p1 meets z0.
      const unitZ = withoutGradient(() => {
        const z0 = this.symmetric ? tf.reverse(z, 1) : z;
        return unitRows(z0);
      });
      const cosine = tf.sum(tf.mul(unitP, unitZ), 2); // [N, V]
      return guard(tf.neg(tf.mean(cosine)) as tf.Scalar);
    });
  }
}

/** `x / max(|x|, eps)` along the last axis. */
function unitRows(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), -1, true), COSINE_EPS * COSINE_EPS)));
}
