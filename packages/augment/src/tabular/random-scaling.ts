import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { perImageScalar } from '../internal/per-image';
import { rangeSchema } from '../internal/schemas';
import { assertFeatureBatch, assertRng, parseOptions } from '../internal/validation';
import { defineAugmentation } from '../internal/define-augmentation';

/** Options of the class below, the single source of their defaults and validation. */
export const randomScalingOptionsSchema = z
  .object({
    range: rangeSchema(0, Number.MAX_VALUE, 'multiplicative factor range [low, high]').default([0.8, 1.2]),
    perFeature: z.boolean().default(false).describe('one factor per entry instead of one per row'),
  })
  .strict();
/** What the constructor and a config accept: the schema's input, defaults optional. */
export type RandomScalingOptions = z.input<typeof randomScalingOptionsSchema>;

/**
 * Multiplies each row of `[B, ...features]` (or, with `perFeature`, each entry) by a factor drawn uniformly
 * from `range`. A mixup-free magnitude augmentation for vector data.
 */
export class RandomScaling implements Augmentation {
  readonly name = 'RandomScaling';
  /** The parsed options, defaults filled in. */
  readonly options: z.output<typeof randomScalingOptionsSchema>;

  constructor(options: RandomScalingOptions = {}) {
    this.options = parseOptions(randomScalingOptionsSchema, options, this.name);
  }

  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertFeatureBatch(batch, this.name);
    assertRng(rng, this.name);
    const [low, high] = this.options.range;
    if (this.options.perFeature) {
      const seed = rng.nextSeed();
      return tf.tidy(() => tf.mul(batch, tf.randomUniform(batch.shape, low, high, 'float32', seed)));
    }
    const factors = Array.from({ length: batch.shape[0] }, () => rng.uniform(low, high));
    return tf.tidy(() => tf.mul(batch, perImageScalar(factors, batch.shape)));
  }
}

/** The `random-scaling` augmentation plugin. */
export const randomScalingPlugin = defineAugmentation(
  'random-scaling', 'random multiplicative scaling per row or entry', randomScalingOptionsSchema, (o) => new RandomScaling(o),
);
