import * as tf from '@tensorflow/tfjs-core';
import { classPlugin, withOptions, z } from '@contrastive/core';
import type { LossTarget, ContrastiveLoss } from '../types';
import { MASK_OFFSET, equalityMask, indexMask } from '../internal/math';
import { validateOption } from '../internal/options';
import { assertFloatRank, assertLabels, lossGuard } from '../internal/validate';
import { pairDistances, positiveIndicator } from './pair-distances';
import { tripletSums } from './triplet-counts';

/** Options of {@link TripletMarginLoss} and the `triplet` plugin. */
export const tripletOptionsSchema = z
  .object({
    margin: z.number().min(0).default(0.05).describe('margin (>= 0)'),
    distance: z
      .enum(['euclidean', 'cosine'])
      .default('euclidean')
      .describe("'euclidean' on L2-normalised embeddings or 'cosine' similarity"),
    mining: z
      .enum(['all', 'batch-hard', 'semi-hard'])
      .default('all')
      .describe("which triplets are used: 'all' valid ones, 'batch-hard' per anchor, or 'semi-hard' (0 < d_an - d_ap <= margin)"),
    validate: validateOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type TripletMarginLossOptions = z.input<typeof tripletOptionsSchema>;

/** Which triplets {@link TripletMarginLoss} uses. */
export type TripletMining = z.output<typeof tripletOptionsSchema>['mining'];

/**
 * pytorch-metric-learning's `TripletMarginLoss`: `relu(d_ap - d_an + margin)` over the mined
 * triplets, averaged over the triplets with a non-zero loss (0 when there is none).
 *
 * @example
 * ```ts
 * const triplet = new TripletMarginLoss({ margin: 0.1, mining: 'batch-hard' });
 * const value = triplet.compute(embeddings, { labels }); // [N, D], [N]
 * ```
 */
export class TripletMarginLoss extends withOptions(tripletOptionsSchema, { kind: 'loss', id: 'triplet' }) implements ContrastiveLoss {
  /**
   * Mean margin cost of the mined triplets; positives share a label.
   * @param embeddings `[N, D]` float32 (normalised inside).
   * @param target `labels` `[N]` integer ids (required).
   */
  compute(embeddings: tf.Tensor, target?: LossTarget): tf.Scalar {
    const who = 'TripletMarginLoss.compute';
    const hint = embeddings instanceof tf.Tensor && embeddings.rank === 3 ? '; flatten [B, V, D] views to [V*B, D] with labels repeated per view' : '';
    const x = assertFloatRank(embeddings, 2, '[N, D]', 'embeddings', who, hint) as tf.Tensor2D;
    if (target?.mask !== undefined) throw new Error(`${who}: target.mask is not supported; pass target.labels [${x.shape[0]}]`);
    if (target?.labels === undefined) throw new Error(`${who}: target.labels [${x.shape[0]}] is required`);
    const labels = assertLabels(target.labels, x.shape[0], 'target.labels', who);
    const guard = lossGuard(this.validate, [{ tensor: x, name: 'embeddings', kind: 'finite' }, { tensor: labels, name: 'target.labels', kind: 'integer' }], who);
    return tf.tidy(() => {
      const n = x.shape[0];
      const d = pairDistances(x, this.distance);
      const same = equalityMask(labels, labels);
      const positive = tf.relu(tf.sub(same, indexMask(tf.range(0, n, 1, 'int32') as tf.Tensor1D, n))) as tf.Tensor2D;
      const negative = tf.sub(1, same) as tf.Tensor2D;
      const { sum, count } = this.mining === 'batch-hard' ? this.batchHard(d, positive, negative) : this.allTriplets(d, positive, negative);
      return guard(tf.div(sum, tf.maximum(count, 1)) as tf.Scalar);
    });
  }

  /** Per anchor: farthest positive, nearest negative; anchors lacking either are dropped. */
  private batchHard(d: tf.Tensor2D, positive: tf.Tensor2D, negative: tf.Tensor2D): { sum: tf.Scalar; count: tf.Scalar } {
    const hardestPositive = tf.max(tf.add(d, tf.mul(tf.sub(positive, 1), MASK_OFFSET)), 1);
    const hardestNegative = tf.min(tf.add(d, tf.mul(tf.sub(1, negative), MASK_OFFSET)), 1);
    const valid = tf.mul(tf.minimum(tf.sum(positive, 1), 1), tf.minimum(tf.sum(negative, 1), 1));
    const losses = tf.mul(tf.relu(tf.add(tf.sub(hardestPositive, hardestNegative), this.margin)), valid);
    return { sum: tf.sum(losses), count: tf.sum(positiveIndicator(losses)) };
  }

  /** Every valid (a, p, n), or the semi-hard ones, counted by sorting: O(N^2) memory, no [N, N, N] tensor. */
  private allTriplets(d: tf.Tensor2D, positive: tf.Tensor2D, negative: tf.Tensor2D): { sum: tf.Scalar; count: tf.Scalar } {
    return tripletSums(d, positive, negative, this.margin, this.mining === 'semi-hard' ? 'semi-hard' : 'all');
  }
}

/** `triplet`: pytorch-metric-learning's TripletMarginLoss with optional mining. */
export const tripletPlugin = classPlugin('loss', 'triplet', tripletOptionsSchema, TripletMarginLoss, {
  description:
    'triplet margin loss (pytorch-metric-learning): all, batch-hard or semi-hard triplets',
});
