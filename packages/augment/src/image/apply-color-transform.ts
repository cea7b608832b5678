import * as tf from '@tensorflow/tfjs-core';
import { expandRows } from '../internal/per-image';
import type { Matrix } from './color-matrices';

/**
 * Applies a per-image affine colour map `y = A_b x + E_b mean_b(x)` to every pixel of image b, where
 * `mean_b(x)` is the image's mean colour, then clamps to [0, 1] (unless `clamp` is false).
 * One batched matMul `[B, HW, C] x [B, C, C]` for the linear part and one tiny one for the offsets.
 *
 * @param linear  per-image C x C matrices A_b (row-major)
 * @param offsets per-image C x C matrices E_b, or undefined when every offset is zero
 */
export function applyColorTransform(
  batch: tf.Tensor4D,
  linear: readonly Matrix[],
  offsets: readonly Matrix[] | undefined,
  clamp = true,
): tf.Tensor4D {
  const [count, height, width, channels] = batch.shape;
  const pixels = height * width;
  const flat = tf.reshape(batch, [count, pixels, channels]) as tf.Tensor3D;
  const transposedStack = (matrices: readonly Matrix[]) => {
    const data = new Float32Array(count * channels * channels);
    matrices.forEach((m, b) => {
      for (let i = 0; i < channels; i++) {
        for (let j = 0; j < channels; j++) data[b * channels * channels + j * channels + i] = m[i * channels + j];
      }
    });
    return tf.tensor3d(data, [count, channels, channels]);
  };
  let out: tf.Tensor3D = tf.matMul(flat, transposedStack(linear));
  if (offsets) {
    const mean = tf.matMul(tf.fill([count, 1, pixels], 1 / pixels), flat);
    const shift = tf.matMul(mean, transposedStack(offsets));
    out = tf.add(out, expandRows(shift as tf.Tensor3D, pixels));
  }
  if (clamp) out = tf.clipByValue(out, 0, 1);
  return tf.reshape(out, batch.shape);
}
