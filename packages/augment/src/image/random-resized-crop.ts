import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { executePlan, type PixelWindow, type WindowPlan, type WindowSampler } from '../internal/crop-boxes';
import { rangeSchema, resolveSize, sizeSchema } from '../internal/schemas';
import { assertImageBatch, assertRng, parseOptions } from '../internal/validation';
import { defineAugmentation } from '../internal/define-augmentation';

/** Options of the class below, the single source of their defaults and validation. */
export const randomResizedCropOptionsSchema = z
  .object({
    size: sizeSchema,
    scale: rangeSchema(Number.MIN_VALUE, 1, 'fraction of the image area kept, [low, high]').default([0.08, 1]),
    ratio: rangeSchema(Number.MIN_VALUE, Number.MAX_VALUE, 'aspect ratio (width / height) range').default([3 / 4, 4 / 3]),
    method: z.enum(['bilinear', 'nearest']).default('bilinear'),
  })
  .strict();
/** What the constructor and a config accept: the schema's input, defaults optional. */
export type RandomResizedCropOptions = z.input<typeof randomResizedCropOptionsSchema>;

/**
 * Draws one crop window as torchvision's `RandomResizedCrop.get_params` does: up to 10 tries of an area
 * fraction in `scale` and a log-uniform aspect ratio in `ratio`; if none fits, a centre crop with the
 * ratio clamped to `ratio`.
 */
export function sampleResizedCropWindow(
  rng: SeededRandom,
  height: number,
  width: number,
  scale: readonly [number, number],
  ratio: readonly [number, number],
): PixelWindow {
  const area = height * width;
  const logLow = Math.log(ratio[0]);
  const logHigh = Math.log(ratio[1]);
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * rng.uniform(scale[0], scale[1]);
    const aspect = Math.exp(rng.uniform(logLow, logHigh));
    const w = Math.round(Math.sqrt(target * aspect));
    const h = Math.round(Math.sqrt(target / aspect));
    if (w > 0 && w <= width && h > 0 && h <= height) {
      return { top: rng.int(height - h + 1), left: rng.int(width - w + 1), height: h, width: w };
    }
  }
  const inRatio = width / height;
  let w = width;
  let h = height;
  if (inRatio < ratio[0]) h = Math.round(w / ratio[0]);
  else if (inRatio > ratio[1]) w = Math.round(h * ratio[1]);
  return { top: Math.floor((height - h) / 2), left: Math.floor((width - w) / 2), height: h, width: w };
}

/**
 * Random resized crop (the SimCLR/SupCon crop): each image gets its own window (area fraction `scale`,
 * aspect ratio `ratio`) resized to `size` (default: the input size). The whole batch is one
 * `tf.image.cropAndResize` kernel with per-image boxes. Sampling follows half-pixel centres like
 * torchvision's bilinear resize without antialiasing; coordinates are clamped to the image (torchvision
 * clamps too), so no padding value ever enters the crop.
 */
export class RandomResizedCrop implements Augmentation, WindowSampler {
  readonly name = 'RandomResizedCrop';
  /** The parsed options, defaults filled in. */
  readonly options: z.output<typeof randomResizedCropOptionsSchema>;

  constructor(options: RandomResizedCropOptions = {}) {
    this.options = parseOptions(randomResizedCropOptionsSchema, options, this.name);
  }

  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertImageBatch(batch, this.name);
    assertRng(rng, this.name);
    const plan = this.planWindows(batch, rng);
    return tf.tidy(() => executePlan(batch, plan));
  }

  /** Draws every image's window (used by `apply`, and by {@link Compose} to fuse a following flip). */
  planWindows(batch: tf.Tensor4D, rng: SeededRandom): WindowPlan {
    const [count, height, width] = batch.shape;
    const [outHeight, outWidth] = resolveSize(this.options.size, height, width);
    const { scale, ratio, method } = this.options;
    const windows = Array.from({ length: count }, () => sampleResizedCropWindow(rng, height, width, scale, ratio));
    return { windows, outHeight, outWidth, method, exact: false };
  }
}

/** The `random-resized-crop` augmentation plugin. */
export const randomResizedCropPlugin = defineAugmentation(
  'random-resized-crop', 'random resized crop (scale, ratio, size)', randomResizedCropOptionsSchema, (o) => new RandomResizedCrop(o),
);
