import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { drawMask } from '../internal/per-image';
import { rangeSchema } from '../internal/schemas';
import { assertImageBatch, assertRng, parseOptions } from '../internal/validation';
import { defineAugmentation } from '../internal/define-augmentation';

/** Options of the class below, the single source of their defaults and validation. */
export const gaussianBlurOptionsSchema = z
  .object({
    kernelSize: z
      .number()
      .int()
      .positive()
      .refine((k) => k % 2 === 1, { message: 'kernelSize must be odd' })
      .optional()
      .describe('odd kernel size; default: 10% of min(H, W) rounded up to odd, at least 3'),
    sigma: rangeSchema(1e-6, 1e6, 'per-image sigma range in pixels').default([0.1, 2]),
    p: z.number().min(0).max(1).default(1).describe('probability that an image is blurred'),
  })
  .strict();
/** What the constructor and a config accept: the schema's input, defaults optional. */
export type GaussianBlurOptions = z.input<typeof gaussianBlurOptionsSchema>;

/** SimCLR's kernel size: 10% of the smaller side, made odd, at least 3. */
export function defaultBlurKernelSize(height: number, width: number): number {
  const k = Math.floor(0.1 * Math.min(height, width));
  return Math.max(3, k % 2 === 1 ? k : k + 1);
}

/** Normalised 1-D Gaussian taps `exp(-x^2 / (2 sigma^2))`, x = -r..r (torchvision's `_get_gaussian_kernel1d`). */
export function gaussianKernel1d(size: number, sigma: number): Float32Array {
  const radius = (size - 1) / 2;
  const taps = Float32Array.from({ length: size }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = taps.reduce((a, b) => a + b, 0);
  return taps.map((t) => t / total);
}

/**
 * Gaussian blur with a per-image sigma drawn uniformly from `sigma` (SimCLR: [0.1, 2.0]), each image blurred
 * with probability `p` (the others get a delta kernel, i.e. are copied exactly). Separable: a vertical and a
 * horizontal depthwise convolution, with the batch folded into the channel axis (`[1, H, W, B*C]`) so every
 * image-channel has its own kernel and the batch is two kernels. Borders use reflect padding, as torchvision.
 */
export class GaussianBlur implements Augmentation {
  readonly name = 'GaussianBlur';
  /** The parsed options, defaults filled in. */
  readonly options: z.output<typeof gaussianBlurOptionsSchema>;

  constructor(options: GaussianBlurOptions = {}) {
    this.options = parseOptions(gaussianBlurOptionsSchema, options, this.name);
  }

  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertImageBatch(batch, this.name);
    assertRng(rng, this.name);
    const [count, height, width, channels] = batch.shape;
    const size = this.options.kernelSize ?? defaultBlurKernelSize(height, width);
    const mask = drawMask(rng, count, this.options.p);
    const sigmas = mask.map((m) => (m ? rng.uniform(this.options.sigma[0], this.options.sigma[1]) : 0));
    if (!mask.some(Boolean)) return tf.tidy(() => tf.clone(batch));
    // Reflect padding needs radius < side; a kernel wider than the image is cut to fit.
    const radiusY = Math.min((size - 1) / 2, height - 1);
    const radiusX = Math.min((size - 1) / 2, width - 1);
    const lanes = count * channels;
    const filter = (radius: number) => {
      const k = 2 * radius + 1;
      const data = new Float32Array(k * lanes);
      sigmas.forEach((sigma, b) => {
        const taps = sigma > 0 ? gaussianKernel1d(k, sigma) : gaussianKernel1d(k, 1e-6);
        for (let t = 0; t < k; t++) for (let c = 0; c < channels; c++) data[t * lanes + b * channels + c] = taps[t];
      });
      return data;
    };
    return tf.tidy(() => {
      let x = tf.reshape(tf.transpose(batch, [1, 2, 0, 3]), [1, height, width, lanes]) as tf.Tensor4D;
      if (radiusY > 0) {
        x = tf.mirrorPad(x, [[0, 0], [radiusY, radiusY], [0, 0], [0, 0]], 'reflect');
        x = tf.depthwiseConv2d(x, tf.tensor4d(filter(radiusY), [2 * radiusY + 1, 1, lanes, 1]), 1, 'valid');
      }
      if (radiusX > 0) {
        x = tf.mirrorPad(x, [[0, 0], [0, 0], [radiusX, radiusX], [0, 0]], 'reflect');
        x = tf.depthwiseConv2d(x, tf.tensor4d(filter(radiusX), [1, 2 * radiusX + 1, lanes, 1]), 1, 'valid');
      }
      return tf.transpose(tf.reshape(x, [height, width, count, channels]), [2, 0, 1, 3]);
    });
  }
}

/** The `gaussian-blur` augmentation plugin. */
export const gaussianBlurPlugin = defineAugmentation(
  'gaussian-blur', 'separable Gaussian blur, per-image sigma, probability p', gaussianBlurOptionsSchema, (o) => new GaussianBlur(o),
);
