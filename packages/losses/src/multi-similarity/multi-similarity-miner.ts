import * as tf from '@tensorflow/tfjs-core';
import { withOptions, z } from '@contrastive/core';
import { l2Normalize, MASK_OFFSET } from '../internal/math';
import { matMulTransposed } from '../internal/matmul';
import { pairMasks } from '../internal/labels';
import { withoutGradient } from '../internal/without-gradient';

/** Options of {@link MultiSimilarityMiner} (default as pytorch-metric-learning's). */
export const multiSimilarityMinerOptionsSchema = z
  .object({
    epsilon: z.number().min(0).default(0.1).describe('slack of the pair selection (>= 0): larger keeps more pairs'),
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type MultiSimilarityMinerOptions = z.input<typeof multiSimilarityMinerOptionsSchema>;

/** Pairs a miner keeps: `[N, N]` 0/1 masks over ordered pairs (anchor i, other j), constants. */
export interface MinedPairs {
  /** `[N, N]` mask of the positive pairs kept. */
  positive: tf.Tensor2D;
  /** `[N, N]` mask of the negative pairs kept. */
  negative: tf.Tensor2D;
}

/**
 * pytorch-metric-learning's `MultiSimilarityMiner` (Wang et al. 2019) on cosine similarity: a
 * positive pair (i, p) is kept when `s_ip - epsilon < max_n s_in` (harder than the easiest
 * negative allows), a negative pair (i, n) when `s_in + epsilon > min_p s_ip`. An anchor without
 * negatives keeps no positives and one without positives keeps no negatives. Mining is
 * not differentiated.
 *
 * @example
 * ```ts
 * const loss = new MultiSimilarityLoss({ miner: new MultiSimilarityMiner({ epsilon: 0.1 }) });
 * ```
 */
export class MultiSimilarityMiner extends withOptions(multiSimilarityMinerOptionsSchema, {
  kind: 'loss',
  id: 'multi-similarity',
  optionsPath: 'loss.options.miner',
}) {
  /**
   * @param embeddings `[N, D]` float32 (normalised inside).
   * @param labels `[N]` integer class ids.
   * @returns the kept pairs as masks (owned by the caller).
   */
  mine(embeddings: tf.Tensor2D, labels: tf.Tensor1D): MinedPairs {
    return tf.tidy(() => {
      const positive = withoutGradient(() => {
        const { positive: candidates, negative } = pairMasks(labels);
        const similarity = similarities(embeddings);
        const hardestNegative = tf.max(tf.add(similarity, tf.mul(tf.sub(negative, 1), MASK_OFFSET)), 1, true);
        return tf.mul(candidates, tf.cast(tf.less(tf.sub(similarity, this.epsilon), hardestNegative), 'float32')) as tf.Tensor2D;
      });
      const negative = withoutGradient(() => {
        const { positive: candidates, negative } = pairMasks(labels);
        const similarity = similarities(embeddings);
        const hardestPositive = tf.min(tf.add(similarity, tf.mul(tf.sub(1, candidates), MASK_OFFSET)), 1, true);
        return tf.mul(negative, tf.cast(tf.greater(tf.add(similarity, this.epsilon), hardestPositive), 'float32')) as tf.Tensor2D;
      });
      return { positive, negative };
    });
  }
}

function similarities(embeddings: tf.Tensor2D): tf.Tensor2D {
  const unit = l2Normalize(embeddings);
  return matMulTransposed(unit, unit);
}
