import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { executePlan, type WindowPlan, type WindowSampler } from '../internal/crop-boxes';
import { resolveSize, sizeSchema } from '../internal/schemas';
import { assertImageBatch, assertRng, parseOptions } from '../internal/validation';
import { defineAugmentation } from '../internal/define-augmentation';

/** Options of the class below, the single source of their defaults and validation. */
export const randomCropOptionsSchema = z
  .object({
    padding: z.number().int().nonnegative().default(4).describe('zero padding added on every side before cropping'),
    size: sizeSchema,
  })
  .strict();
/** What the constructor and a config accept: the schema's input, defaults optional. */
export type RandomCropOptions = z.input<typeof randomCropOptionsSchema>;

/**
 * The CIFAR/MNIST recipe `RandomCrop(size, padding)`: zero-pad every side by `padding`, then cut a window of
 * `size` (default: the input size) at a uniformly random offset per image. The padding is never materialised:
 * one nearest-neighbour `cropAndResize` reads the window directly, positions outside the image read 0.
 * Pixels are copied exactly.
 */
export class RandomCrop implements Augmentation, WindowSampler {
  readonly name = 'RandomCrop';
  /** The parsed options, defaults filled in. */
  readonly options: z.output<typeof randomCropOptionsSchema>;

  constructor(options: RandomCropOptions = {}) {
    this.options = parseOptions(randomCropOptionsSchema, options, this.name);
  }

  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertImageBatch(batch, this.name);
    assertRng(rng, this.name);
    const plan = this.planWindows(batch, rng);
    return tf.tidy(() => executePlan(batch, plan));
  }

  /** Draws every image's offset (used by `apply`, and by {@link Compose} to fuse a following flip). */
  planWindows(batch: tf.Tensor4D, rng: SeededRandom): WindowPlan {
    const [count, height, width] = batch.shape;
    const { padding } = this.options;
    const [outHeight, outWidth] = resolveSize(this.options.size, height, width);
    const paddedHeight = height + 2 * padding;
    const paddedWidth = width + 2 * padding;
    if (outHeight > paddedHeight || outWidth > paddedWidth) {
      throw new RangeError(
        `RandomCrop.apply: output size [${outHeight}, ${outWidth}] exceeds the padded image [${paddedHeight}, ${paddedWidth}] of argument 'batch'`,
      );
    }
    const windows = Array.from({ length: count }, () => ({
      top: rng.int(paddedHeight - outHeight + 1) - padding,
      left: rng.int(paddedWidth - outWidth + 1) - padding,
      height: outHeight,
      width: outWidth,
    }));
    return { windows, outHeight, outWidth, method: 'nearest', exact: true };
  }
}

/** The `random-crop` augmentation plugin. */
export const randomCropPlugin = defineAugmentation(
  'random-crop', 'zero-padded random crop (CIFAR/MNIST recipe)', randomCropOptionsSchema, (o) => new RandomCrop(o),
);
