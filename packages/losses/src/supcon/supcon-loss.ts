import * as tf from '@tensorflow/tfjs-core';
import { classPlugin, definePlugin, withOptions, z } from '@contrastive/core';
import type { LossTarget, ReferenceLoss, ReferenceSet } from '../types';
import { equalityMask, indexMask, l2Normalize, repeatMatrix } from '../internal/math';
import { validateOption } from '../internal/options';
import { assertFloatRank, assertLabels, assertMask, lossGuard, type ValueCheck } from '../internal/validate';
import { supConCore } from './supcon-core';
import { checkReferenceInputs } from '../internal/reference';

/** Options of the `supcon` and `supcon-in` plugins: {@link SupConLoss}'s, with the variant fixed by the id. */
export const supConOptionsSchema = z
  .object({
    temperature: z.number().positive().default(0.07).describe('softmax temperature tau (> 0)'),
    baseTemperature: z.number().positive().default(0.07).describe('the loss is scaled by temperature / baseTemperature (SupContrast)'),
    contrastMode: z.enum(['all', 'one']).default('all').describe("'all': every view is an anchor; 'one': only view 0 of each sample (SupContrast)"),
    noPositive: z
      .enum(['zero', 'exclude'])
      .default('zero')
      .describe("an anchor without positives gives 0 and still counts in the mean ('zero', SupContrast) or leaves the mean ('exclude', pml)"),
    normalize: z.boolean().default(false).describe('L2-normalise the features first (cosine similarity, as pml); SupContrast expects normalised features'),
    validate: validateOption,
  })
  .strict();

/** Options of {@link SupConLoss}. */
export const supConLossOptionsSchema = supConOptionsSchema
  .extend({
    variant: z.enum(['out', 'in']).default('out').describe("'out': L_out, mean over positives outside the log (paper eq. 2); 'in': L_in (eq. 3)"),
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type SupConLossOptions = z.input<typeof supConLossOptionsSchema>;

/**
 * Supervised contrastive loss (Khosla et al. 2020), SupContrast's `SupConLoss`: features
 * `[B, V, D]` (or `[N, D]`, read as V = 1), positives from `labels`, an explicit `[B, B]` `mask`,
 * or, with neither, only the other views of the same sample (SimCLR).
 *
 * @example
 * ```ts
 * const loss = new SupConLoss({ temperature: 0.1 });
 * const value = loss.compute(features, { labels }); // features [B, 2, 128], labels [B] int32
 * ```
 */
export class SupConLoss extends withOptions(supConLossOptionsSchema, { kind: 'loss', id: 'supcon' }) implements ReferenceLoss {
  /** Tells strategies this loss takes `[B, V, D]` batches. */
  readonly acceptsViews = true;

  /**
   * @param features `[B, V, D]` float32 (views of sample b at `[b, v]`), or `[N, D]` as V = 1.
   * @param target `labels` `[B]` (integer) or `mask` `[B, B]` (mask[i][j] = 1: j is a positive of
   *   anchor i; may be asymmetric), not both; neither = SimCLR.
   * @returns the mean loss over anchors (a scalar); B = 1 with V = 1 gives 0 (no positives).
   */
  compute(features: tf.Tensor, target: LossTarget = {}): tf.Scalar {
    const who = 'SupConLoss.compute';
    const flat = features instanceof tf.Tensor && features.rank === 2;
    const x = flat
      ? assertFloatRank(features, 2, '[N, D]', 'features', who)
      : assertFloatRank(features, 3, '[B, V, D]', 'features', who, '; pass [B, V, D], or [N, D] for one view');
    const [b, v] = flat ? [x.shape[0], 1] : x.shape;
    const { labels, mask } = target ?? {};
    if (labels !== undefined && mask !== undefined) {
      throw new Error(`${who}: give target.labels or target.mask, not both`);
    }
    const checks: ValueCheck[] = [{ tensor: x, name: 'features', kind: 'finite' }];
    if (labels !== undefined) checks.push({ tensor: assertLabels(labels, b, 'target.labels', who), name: 'target.labels', kind: 'integer' });
    if (mask !== undefined) checks.push({ tensor: assertMask(mask, b, 'target.mask', who), name: 'target.mask', kind: 'unit-interval' });
    const guard = lossGuard(this.validate, checks, who);

    return tf.tidy(() => {
      const n = b * v;
      // View-major contrast rows: row k = view floor(k / B) of sample k mod B (cat(unbind(features, 1))).
      let contrast = (flat || v === 1 ? tf.reshape(x, [n, -1]) : tf.reshape(tf.transpose(x, [1, 0, 2]), [n, -1])) as tf.Tensor2D;
      if (this.normalize) contrast = l2Normalize(contrast);
      const anchorViews = this.contrastMode === 'all' ? v : 1;
      const na = b * anchorViews;
      const anchors = anchorViews === v ? contrast : (tf.slice(contrast, [0, 0], [na, -1]) as tf.Tensor2D);
      const selfIndex = tf.range(0, na, 1, 'int32') as tf.Tensor1D;
      const withoutSelf = (same: tf.Tensor2D) => tf.relu(tf.sub(same, indexMask(selfIndex, n))) as tf.Tensor2D;
      if (mask !== undefined) {
        const sameSample = repeatMatrix(tf.cast(mask, 'float32') as tf.Tensor2D, anchorViews, v);
        return guard(supConCore({ ...this.coreOptions(), anchors, contrast, positive: withoutSelf(sameSample), selfIndex }));
      }
      const ids = labels ?? (tf.range(0, b, 1, 'int32') as tf.Tensor1D);
      const rowLabels = { anchors: repeatVector(ids, anchorViews), contrast: repeatVector(ids, v) };
      // Built only by the composed path: a fused kernel derives positives from the labels.
      const positive = () => withoutSelf(equalityMask(rowLabels.anchors, rowLabels.contrast));
      return guard(supConCore({ ...this.coreOptions(), anchors, contrast, positive, labels: rowLabels, selfIndex }));
    });
  }

  /**
   * Scores `queries` (anchors) against a reference set (pytorch-metric-learning's `ref_emb`):
   * positives are the reference rows with the query's label, the self pair `selfIndex[i]` is
   * removed from both positives and the denominator.
   * @param queries `[N, D]` float32.
   * @param queryLabels `[N]` integer labels.
   * @param reference `{ embeddings [M, D], labels [M], selfIndex? }`.
   */
  computeWithReference(queries: tf.Tensor2D, queryLabels: tf.Tensor1D, reference: ReferenceSet): tf.Scalar {
    const who = 'SupConLoss.computeWithReference';
    const { q, r, guard } = checkReferenceInputs(queries, queryLabels, reference, who, this.validate);
    return tf.tidy(() => {
      const anchors = this.normalize ? l2Normalize(q) : q;
      const contrast = this.normalize ? l2Normalize(r.embeddings) : r.embeddings;
      const m = contrast.shape[0];
      const selfIndex = r.selfIndex ? tf.tensor1d(r.selfIndex, 'int32') : null;
      const positive = () => {
        const same = equalityMask(queryLabels, r.labels);
        return (selfIndex ? tf.relu(tf.sub(same, indexMask(selfIndex, m))) : same) as tf.Tensor2D;
      };
      const labels = { anchors: queryLabels, contrast: r.labels };
      return guard(supConCore({ ...this.coreOptions(), anchors, contrast, positive, labels, selfIndex }));
    });
  }

  private coreOptions() {
    return {
      temperature: this.temperature,
      baseTemperature: this.baseTemperature,
      variant: this.variant,
      noPositive: this.noPositive,
    };
  }
}

/** `[n * times]`: `x` repeated `times` times (view-major labels). */
function repeatVector(x: tf.Tensor1D, times: number): tf.Tensor1D {
  return (times === 1 ? x : tf.concat(Array.from({ length: times }, () => x))) as tf.Tensor1D;
}

/** `supcon`: supervised contrastive loss L_out (SimCLR without labels). */
export const supConPlugin = classPlugin('loss', 'supcon', supConOptionsSchema, SupConLoss, {
  description: 'SupCon L_out (Khosla et al. 2020, SupContrast): mean over positives outside the log; SimCLR without labels',
});

/** `supcon-in`: supervised contrastive loss L_in (mean over positives inside the log). */
export const supConInPlugin = definePlugin({
  kind: 'loss',
  id: 'supcon-in',
  description: 'SupCon L_in (Khosla et al. 2020 eq. 3): mean over positives inside the log; L_in <= L_out by Jensen',
  optionsSchema: supConOptionsSchema,
  create: (options) => new SupConLoss({ ...options, variant: 'in' }),
});
