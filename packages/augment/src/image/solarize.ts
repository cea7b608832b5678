import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { drawMask, perImageScalar } from '../internal/per-image';
import { assertImageBatch, assertRng, parseOptions } from '../internal/validation';
import { defineAugmentation } from '../internal/define-augmentation';

/** Options of the class below, the single source of their defaults and validation. */
export const solarizeOptionsSchema = z
  .object({
    threshold: z.number().min(0).max(1).default(0.5).describe('pixels >= threshold are inverted (1 - x)'),
    p: z.number().min(0).max(1).default(1).describe('probability that an image is solarized'),
  })
  .strict();
/** What the constructor and a config accept: the schema's input, defaults optional. */
export type SolarizeOptions = z.input<typeof solarizeOptionsSchema>;

/**
 * Solarization (BYOL): with probability `p` per image, every value `>= threshold` becomes `1 - x`.
 * Batched with a per-image threshold (`+Infinity` for the images left alone) and one `where`.
 */
export class Solarize implements Augmentation {
  readonly name = 'Solarize';
  /** The parsed options, defaults filled in. */
  readonly options: z.output<typeof solarizeOptionsSchema>;

  constructor(options: SolarizeOptions = {}) {
    this.options = parseOptions(solarizeOptionsSchema, options, this.name);
  }

  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertImageBatch(batch, this.name);
    assertRng(rng, this.name);
    const mask = drawMask(rng, batch.shape[0], this.options.p);
    return tf.tidy(() => {
      if (!mask.some(Boolean)) return tf.clone(batch);
      const inverted = tf.sub(1, batch);
      if (mask.every(Boolean)) return tf.where(tf.greaterEqual(batch, this.options.threshold), inverted, batch);
      const thresholds = perImageScalar(
        mask.map((m) => (m ? this.options.threshold : Number.POSITIVE_INFINITY)),
        batch.shape,
      );
      return tf.where(tf.greaterEqual(batch, thresholds), inverted, batch);
    });
  }
}

/** The `solarize` augmentation plugin. */
export const solarizePlugin = defineAugmentation(
  'solarize', 'invert values above a threshold, probability p', solarizeOptionsSchema, (o) => new Solarize(o),
);
