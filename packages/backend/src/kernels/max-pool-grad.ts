import * as tf from '@tensorflow/tfjs-core';
import { composeKernel } from './compose-kernel';

type KernelArgs = {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs: Record<string, unknown>;
};

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * Max-pool gradient for the common non-overlapping case (window = stride, no padding; e.g. the
 * 2x2/2 pools of every small CNN): dy and the window max are upsampled over their windows
 * (nearest neighbour), compared with x by arithmetic, and ties resolved to the first position
 * of the window (row-major), as tfjs' own kernel does. Ten element-wise ops instead of wasm's
 * slow built-in loop. Other geometries (overlapping windows, padding) delegate to the
 * backend's own kernel.
 */
export function composedMaxPoolGrad(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs;
    const { dy, input, output } = inputs as {
      dy: tf.TensorInfo;
      input: tf.TensorInfo;
      output: tf.TensorInfo;
    };
    const a = attrs as unknown as MaxPoolGradAttrs;
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      a.filterSize,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode,
    );
    const { filterHeight, filterWidth, strideHeight, strideWidth, outHeight, outWidth, inHeight, inWidth } =
      info;
    const { top, left, bottom, right } = info.padInfo;
    const usedHeight = outHeight * strideHeight;
    const usedWidth = outWidth * strideWidth;
    const nonOverlapping = filterHeight === strideHeight && filterWidth === strideWidth;
    if (!nonOverlapping || top || left || bottom || right || usedHeight > inHeight || usedWidth > inWidth) {
      return original(args);
    }
    return composeKernel(backend, [dy, input, output], (dyt, x, y) => {
      const [n, , , c] = x.shape;
      const used =
        usedHeight === inHeight && usedWidth === inWidth
          ? x
          : tf.slice(x, [0, 0, 0, 0], [n, usedHeight, usedWidth, c]);
      // Window max and dy spread back over each window (nearest-neighbour upsampling is exact
      // here because windows tile the input).
      const yUp = tf.image.resizeNearestNeighbor(y as tf.Tensor4D, [usedHeight, usedWidth]);
      const dyUp = tf.image.resizeNearestNeighbor(dyt as tf.Tensor4D, [usedHeight, usedWidth]);
      // 1 where x equals its window max: yUp - x >= 0, and step() is 0 exactly at 0. Float ops
      // only (wasm's Equal/Select measured ~10x slower than arithmetic).
      const isMax = tf.sub(1, tf.step(tf.sub(yUp, used)));
      // Ties: only the first maximum of a window (row-major) gets dy, as in tfjs' kernel. Rank
      // the window positions (first = highest), keep the best-ranked maximum per window.
      // (Broadcast multiply: wasm's Tile measured ~100x slower than this.)
      const ranked = tf.mul(isMax, positionRank(strideHeight, strideWidth, outHeight, outWidth));
      const best = tf.image.resizeNearestNeighbor(
        tf.maxPool(ranked as tf.Tensor4D, [strideHeight, strideWidth], [strideHeight, strideWidth], 'valid'),
        [usedHeight, usedWidth],
      );
      const first = tf.sub(1, tf.step(tf.sub(best, ranked)));
      const grad = tf.mul(tf.mul(first, isMax), dyUp) as tf.Tensor4D;
      return usedHeight === inHeight && usedWidth === inWidth
        ? grad
        : tf.pad(grad, [
            [0, 0],
            [0, inHeight - usedHeight],
            [0, inWidth - usedWidth],
            [0, 0],
          ]);
    });
  };
}

/** `[1, Ho·sH, Wo·sW, 1]`: sH·sW for the first position of every window (row-major), down to 1 for the last. */
function positionRank(
  strideHeight: number,
  strideWidth: number,
  outHeight: number,
  outWidth: number,
): tf.Tensor4D {
  const height = outHeight * strideHeight;
  const width = outWidth * strideWidth;
  const values = new Float32Array(height * width);
  for (let r = 0; r < height; r++) {
    for (let q = 0; q < width; q++) {
      values[r * width + q] =
        strideHeight * strideWidth - ((r % strideHeight) * strideWidth + (q % strideWidth));
    }
  }
  return tf.tensor4d(values, [1, height, width, 1]);
}
