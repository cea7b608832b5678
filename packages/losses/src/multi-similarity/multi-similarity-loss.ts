import * as tf from '@tensorflow/tfjs-core';
import { classPlugin, withOptions, z } from '@contrastive/core';
import type { ContrastiveLoss, LossTarget } from '../types';
import { l2Normalize } from '../internal/math';
import { logOnePlusSumExp } from '../internal/log-one-plus-sum-exp';
import { matMulTransposed } from '../internal/matmul';
import { labelledEmbeddings, pairMasks } from '../internal/labels';
import { validateOption } from '../internal/options';
import { withoutGradient } from '../internal/without-gradient';
import { MultiSimilarityMiner, multiSimilarityMinerOptionsSchema } from './multi-similarity-miner';

/** Options of {@link MultiSimilarityLoss} (defaults as pytorch-metric-learning's `MultiSimilarityLoss`). */
export const multiSimilarityOptionsSchema = z
  .object({
    alpha: z.number().positive().default(2).describe('scale of the positive terms (> 0)'),
    beta: z.number().positive().default(50).describe('scale of the negative terms (> 0)'),
    base: z.number().default(0.5).describe('similarity offset lambda: positives are pulled above it, negatives pushed below'),
    miner: z
      .union([
        z.instanceof(MultiSimilarityMiner),
        multiSimilarityMinerOptionsSchema.transform((options) => new MultiSimilarityMiner(options)),
      ])
      .optional()
      .describe('pair mining: a MultiSimilarityMiner, or its options ({ epsilon }) in a config; none uses every pair'),
    validate: validateOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type MultiSimilarityLossOptions = z.input<typeof multiSimilarityOptionsSchema>;

/**
 * Multi-similarity loss (Wang et al. 2019), pytorch-metric-learning's `MultiSimilarityLoss` on
 * cosine similarity `s`: per anchor i,
 * `(1/alpha) log(1 + sum_{p in P_i} exp(-alpha (s_ip - base))) + (1/beta) log(1 + sum_{n in N_i} exp(beta (s_in - base)))`,
 * averaged over all anchors. P_i / N_i are the other samples with the same / a different label,
 * or the pairs a {@link MultiSimilarityMiner} keeps. When at most one positive and one negative
 * pair remain the loss is 0 (connected to the input, zero gradient).
 *
 * @example
 * ```ts
 * const loss = new MultiSimilarityLoss({ alpha: 2, beta: 50, base: 0.5, miner: new MultiSimilarityMiner({ epsilon: 0.1 }) });
 * const value = loss.compute(embeddings, { labels }); // [N, D], [N] int32
 * ```
 */
export class MultiSimilarityLoss
  extends withOptions(multiSimilarityOptionsSchema, { kind: 'loss', id: 'multi-similarity' })
  implements ContrastiveLoss
{
  /**
   * The multi-similarity loss over the pairs the miner keeps; positives share a label.
   * @param embeddings `[N, D]` float32 (normalised inside).
   * @param target `labels` `[N]` int32 class ids (required).
   */
  compute(embeddings: tf.Tensor, target?: LossTarget): tf.Scalar {
    const who = 'MultiSimilarityLoss.compute';
    const { x, labels, guard } = labelledEmbeddings(embeddings, target, who, this.validate);
    return tf.tidy(() => {
      const { positive, negative } = this.miner ? this.miner.mine(x, labels) : pairMasks(labels);
      const unit = l2Normalize(x);
      const similarity = matMulTransposed(unit, unit);
      const positiveTerm = tf.div(logOnePlusSumExp(tf.mul(tf.sub(this.base, similarity), this.alpha) as tf.Tensor2D, positive), this.alpha);
      const negativeTerm = tf.div(logOnePlusSumExp(tf.mul(tf.sub(similarity, this.base), this.beta) as tf.Tensor2D, negative), this.beta);
      const loss = tf.mean(tf.add(positiveTerm, negativeTerm));
      // pml returns 0 when at most one pair of each kind is left.
      const enoughPairs = withoutGradient(() =>
        tf.cast(tf.logicalOr(tf.greater(tf.sum(positive), 1), tf.greater(tf.sum(negative), 1)), 'float32'),
      );
      return guard(tf.mul(loss, enoughPairs) as tf.Scalar);
    });
  }
}

/** `multi-similarity`: pml's multi-similarity loss, optionally with its miner (`miner: { epsilon }`). */
export const multiSimilarityPlugin = classPlugin('loss', 'multi-similarity', multiSimilarityOptionsSchema, MultiSimilarityLoss, {
  description:
    'multi-similarity loss (Wang et al. 2019, pytorch-metric-learning), optionally with the multi-similarity miner',
});
