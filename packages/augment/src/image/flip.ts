import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { cropWindows } from '../internal/crop-boxes';
import { drawMask } from '../internal/per-image';
import { assertImageBatch, assertRng, parseOptions } from '../internal/validation';

export const flipOptionsSchema = z
  .object({ p: z.number().min(0).max(1).default(0.5).describe('probability that an image is flipped') })
  .strict();
export type FlipOptions = z.input<typeof flipOptionsSchema>;

abstract class RandomFlip implements Augmentation {
  abstract readonly name: string;
  readonly p: number;
  protected abstract readonly axis: 'x' | 'y';

  constructor(options: FlipOptions = {}, owner: string) {
    this.p = parseOptions(flipOptionsSchema, options, owner).p;
  }

  /**
   * Flips each image with probability `p`. Batched as one `cropAndResize` (nearest, exact pixel copies) whose
   * box is mirrored for the chosen images: cheaper than `reverse` + `where` on every backend we measured.
   */
  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertImageBatch(batch, this.name);
    assertRng(rng, this.name);
    const [count, height, width] = batch.shape;
    const mask = drawMask(rng, count, this.p);
    return tf.tidy(() => {
      if (!mask.some(Boolean)) return tf.clone(batch);
      const windows = mask.map((flip) => ({
        top: 0,
        left: 0,
        height,
        width,
        flipX: flip && this.axis === 'x',
        flipY: flip && this.axis === 'y',
      }));
      return cropWindows(batch, windows, height, width, 'nearest', true);
    });
  }
}

/** Mirrors each image left-right with probability `p` (default 0.5). */
export class RandomHorizontalFlip extends RandomFlip {
  readonly name = 'RandomHorizontalFlip';
  protected readonly axis = 'x';
  constructor(options: FlipOptions = {}) {
    super(options, 'RandomHorizontalFlip');
  }
}

/** Mirrors each image up-down with probability `p` (default 0.5). */
export class RandomVerticalFlip extends RandomFlip {
  readonly name = 'RandomVerticalFlip';
  protected readonly axis = 'y';
  constructor(options: FlipOptions = {}) {
    super(options, 'RandomVerticalFlip');
  }
}
