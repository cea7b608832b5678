import * as tf from '@tensorflow/tfjs-core';
import { composeKernel, padOrCrop } from './compose-kernel';

interface DepthwiseBackpropFilterAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/**
 * dW[kh, kw, c, m] = Σ_{n, ho, wo} x[n, ho·s + kh·d − pt, wo·s + kw·d − pl, c] · dy[n, ho, wo, c·M + m].
 *
 * Channels never mix, so each of the kh·kw taps is one strided window of the padded input
 * multiplied by dy and summed over batch and space: kh·kw batched reductions.
 */
export function depthwiseConv2dNativeBackpropFilter(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs: Record<string, unknown>;
}): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as DepthwiseBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, outHeight, outWidth } = info;
  const { top, bottom, left, right } = info.padInfo;
  const [filterHeight, filterWidth, channels, multiplier] = attrs.filterShape;
  return composeKernel(args.backend, [x, dy], (xt, dyt) => {
    const padded = padOrCrop(xt as tf.Tensor4D, top, bottom, left, right);
    const batch = padded.shape[0];
    const grads = tf.reshape(dyt, [batch, outHeight, outWidth, channels, multiplier]);
    const taps: tf.Tensor[] = [];
    for (let kh = 0; kh < filterHeight; kh++) {
      for (let kw = 0; kw < filterWidth; kw++) {
        const rowStart = kh * dilationHeight;
        const colStart = kw * dilationWidth;
        // Plain slices when unstrided: wasm's StridedSlice measured ~10x slower than Slice.
        const window =
          strideHeight === 1 && strideWidth === 1
            ? tf.slice(padded, [0, rowStart, colStart, 0], [batch, outHeight, outWidth, channels])
            : tf.stridedSlice(
                padded,
                [0, rowStart, colStart, 0],
                [
                  batch,
                  rowStart + (outHeight - 1) * strideHeight + 1,
                  colStart + (outWidth - 1) * strideWidth + 1,
                  channels,
                ],
                [1, strideHeight, strideWidth, 1],
              );
        taps.push(tf.sum(tf.mul(tf.expandDims(window, 4), grads), [0, 1, 2]));
      }
    }
    return tf.reshape(tf.stack(taps), [filterHeight, filterWidth, channels, multiplier]);
  });
}
