import * as tf from '@tensorflow/tfjs-core';
import { classPlugin, withOptions, z } from '@contrastive/core';
import type { ContrastiveLoss, LossTarget } from '../types';
import { l2Normalize } from '../internal/math';
import { matMulTransposed } from '../internal/matmul';
import { labelledEmbeddings, pairMasks } from '../internal/labels';
import { validateOption } from '../internal/options';
import { pairDistances } from '../triplet/pair-distances';
import { withoutGradient } from '../internal/without-gradient';

/** Options of {@link ContrastivePairLoss} (defaults as pytorch-metric-learning's `ContrastiveLoss`). */
export const contrastivePairOptionsSchema = z
  .object({
    posMargin: z.number().default(0).describe("positives cost relu(d - posMargin) ('euclidean') or relu(posMargin - s) ('cosine')"),
    negMargin: z.number().default(1).describe("negatives cost relu(negMargin - d) ('euclidean') or relu(s - negMargin) ('cosine')"),
    distance: z
      .enum(['euclidean', 'cosine'])
      .default('euclidean')
      .describe("'euclidean' between L2-normalised embeddings (pml's LpDistance) or 'cosine' similarity"),
    validate: validateOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type ContrastivePairLossOptions = z.input<typeof contrastivePairOptionsSchema>;

/**
 * The contrastive pair loss (Hadsell et al. 2006), pytorch-metric-learning's `ContrastiveLoss`,
 * named `ContrastivePairLoss` here because `ContrastiveLoss` is the contract every loss of this
 * package implements. Over all ordered pairs (i, j), i != j: positives (same label) cost
 * `relu(d_ij - posMargin)`, negatives `relu(negMargin - d_ij)` (with `'cosine'`: `relu(posMargin - s_ij)`
 * and `relu(s_ij - negMargin)`); each part is averaged over its pairs with a non-zero loss (0 if
 * none), and the loss is their sum.
 *
 * @example
 * ```ts
 * const loss = new ContrastivePairLoss({ negMargin: 1.2 });
 * const value = loss.compute(embeddings, { labels }); // [N, D], [N] int32
 * ```
 */
export class ContrastivePairLoss extends withOptions(contrastivePairOptionsSchema, { kind: 'loss', id: 'contrastive-pair' }) implements ContrastiveLoss {
  /**
   * Mean margin cost over the positive and negative pairs; positives share a label.
   * @param embeddings `[N, D]` float32 (normalised inside).
   * @param target `labels` `[N]` int32 class ids (required).
   */
  compute(embeddings: tf.Tensor, target?: LossTarget): tf.Scalar {
    const who = 'ContrastivePairLoss.compute';
    const { x, labels, guard } = labelledEmbeddings(embeddings, target, who, this.validate);
    return tf.tidy(() => {
      const { positive, negative } = pairMasks(labels);
      const [positiveLosses, negativeLosses] =
        this.distance === 'euclidean' ? euclideanLosses(x, this.posMargin, this.negMargin) : cosineLosses(x, this.posMargin, this.negMargin);
      return guard(tf.add(meanOfNonZero(tf.mul(positiveLosses, positive)), meanOfNonZero(tf.mul(negativeLosses, negative))) as tf.Scalar);
    });
  }
}

function euclideanLosses(x: tf.Tensor2D, posMargin: number, negMargin: number): [tf.Tensor, tf.Tensor] {
  const distance = pairDistances(x, 'euclidean');
  return [tf.relu(tf.sub(distance, posMargin)), tf.relu(tf.sub(negMargin, distance))];
}

function cosineLosses(x: tf.Tensor2D, posMargin: number, negMargin: number): [tf.Tensor, tf.Tensor] {
  const unit = l2Normalize(x);
  const similarity = matMulTransposed(unit, unit);
  return [tf.relu(tf.sub(posMargin, similarity)), tf.relu(tf.sub(similarity, negMargin))];
}

/** pml's AvgNonZeroReducer: the mean over the entries > 0, or 0 (still connected to the input) when there are none. */
function meanOfNonZero(losses: tf.Tensor): tf.Scalar {
  const count = withoutGradient(() => tf.sum(tf.cast(tf.greater(losses, 0), 'float32')));
  return tf.div(tf.sum(losses), tf.maximum(count, 1));
}

/** `contrastive-pair`: pml's contrastive pair loss; labels from the config (`supervised: true`) or the views of a sample. */
export const contrastivePairPlugin = classPlugin('loss', 'contrastive-pair', contrastivePairOptionsSchema, ContrastivePairLoss, {
  description:
    "contrastive pair loss (Hadsell et al. 2006; pytorch-metric-learning's ContrastiveLoss): margins on positive and negative pairs",
});
