import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { assertFeatureBatch, assertRng, parseOptions } from '../internal/validation';
import { defineAugmentation } from '../internal/define-augmentation';

/** Options of the class below, the single source of their defaults and validation. */
export const featureDropoutOptionsSchema = z
  .object({
    p: z.number().min(0).max(1).default(0.2).describe('probability that an entry is masked'),
    fill: z
      .enum(['zero', 'marginal'])
      .default('zero')
      .describe("'zero': masked entries become 0; 'marginal': taken from another random row (SCARF)"),
  })
  .strict();
/** What the constructor and a config accept: the schema's input, defaults optional. */
export type FeatureDropoutOptions = z.input<typeof featureDropoutOptionsSchema>;

/**
 * Feature masking for tabular/vector data: each entry of `[B, ...features]` is masked independently with
 * probability `p`. `fill: 'zero'` replaces it with 0 (no rescaling, unlike training dropout: this is a view,
 * not a regulariser); `fill: 'marginal'` replaces it with the same feature of another row drawn by a random
 * permutation of the batch, i.e. a sample from the feature's empirical marginal as in SCARF (one source row
 * per row, so entries masked in the same row share their donor).
 */
export class FeatureDropout implements Augmentation {
  readonly name = 'FeatureDropout';
  /** The parsed options, defaults filled in. */
  readonly options: z.output<typeof featureDropoutOptionsSchema>;

  constructor(options: FeatureDropoutOptions = {}) {
    this.options = parseOptions(featureDropoutOptionsSchema, options, this.name);
  }

  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertFeatureBatch(batch, this.name);
    assertRng(rng, this.name);
    const seed = rng.nextSeed();
    const donors = this.options.fill === 'marginal' ? rng.permutation(batch.shape[0]) : undefined;
    return tf.tidy(() => {
      if (this.options.p === 0) return tf.clone(batch);
      const masked = tf.less(tf.randomUniform(batch.shape, 0, 1, 'float32', seed), this.options.p);
      const replacement = donors ? tf.gather(batch, tf.tensor1d(donors, 'int32')) : tf.zerosLike(batch);
      return tf.where(masked, replacement, batch);
    });
  }
}

/** The `feature-dropout` augmentation plugin. */
export const featureDropoutPlugin = defineAugmentation(
  'feature-dropout', 'feature masking: zero or SCARF marginal replacement', featureDropoutOptionsSchema, (o) => new FeatureDropout(o),
);
