import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { drawMask } from '../internal/per-image';
import { assertImageBatch, assertRng, parseOptions } from '../internal/validation';
import { applyColorTransform } from './apply-color-transform';
import { grayProjection, identity } from './color-matrices';
import { defineAugmentation } from '../internal/define-augmentation';

/** Options of the class below, the single source of their defaults and validation. */
export const randomGrayscaleOptionsSchema = z
  .object({ p: z.number().min(0).max(1).default(0.1).describe('probability that an image is converted') })
  .strict();
/** What the constructor and a config accept: the schema's input, defaults optional. */
export type RandomGrayscaleOptions = z.input<typeof randomGrayscaleOptionsSchema>;

/**
 * Converts each image with probability `p` to grayscale, keeping its channel count (every channel gets the
 * luma 0.2989 R + 0.587 G + 0.114 B for RGB; the channel mean for other C; C = 1 is unchanged).
 * One batched matMul with per-image matrices (identity for the images left in colour).
 */
export class RandomGrayscale implements Augmentation {
  readonly name = 'RandomGrayscale';
  /** Probability of turning a sample grey. */
  readonly p: number;

  constructor(options: RandomGrayscaleOptions = {}) {
    this.p = parseOptions(randomGrayscaleOptionsSchema, options, this.name).p;
  }

  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertImageBatch(batch, this.name);
    assertRng(rng, this.name);
    const [count, , , channels] = batch.shape;
    const mask = drawMask(rng, count, this.p);
    return tf.tidy(() => {
      if (channels === 1 || !mask.some(Boolean)) return tf.clone(batch);
      const gray = grayProjection(channels);
      const keep = identity(channels);
      return applyColorTransform(batch, mask.map((m) => (m ? gray : keep)), undefined, false);
    });
  }
}

/** The `random-grayscale` augmentation plugin. */
export const randomGrayscalePlugin = defineAugmentation(
  'random-grayscale', 'grayscale with probability p', randomGrayscaleOptionsSchema, (o) => new RandomGrayscale(o),
);
