import * as tf from '@tensorflow/tfjs-core';
import { assertChannelsLast, composeKernel, padOrCrop } from './compose-kernel';

interface Conv2DBackpropFilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/**
 * dW[kh, kw, ci, co] = Σ_{n, ho, wo} x[n, ho·s + kh − pt, wo·s + kw − pl, ci] · dy[n, ho, wo, co].
 *
 * Read as a convolution in which the batch is the channel axis: x transposed to
 * [Ci, H, W, N] is convolved with dy transposed to [Ho, Wo, N, Co] as the filter, with
 * dilation = the forward stride. One large conv instead of tfjs' scalar loops.
 */
export function conv2dBackpropFilter(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs: Record<string, unknown>;
}): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  assertChannelsLast('Conv2DBackpropFilter', attrs.dataFormat);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { strideHeight, strideWidth, filterHeight, filterWidth, outHeight, outWidth, inHeight, inWidth } =
    info;
  const { top, left } = info.padInfo;
  // Rows/columns of the padded input the forward conv actually read.
  const usedHeight = (outHeight - 1) * strideHeight + filterHeight - top;
  const usedWidth = (outWidth - 1) * strideWidth + filterWidth - left;
  return composeKernel(args.backend, [x, dy], (xt, dyt) => {
    const images = tf.transpose(xt as tf.Tensor4D, [3, 1, 2, 0]);
    const filter = tf.transpose(dyt as tf.Tensor4D, [1, 2, 0, 3]) as tf.Tensor4D;
    const padded = padOrCrop(images, top, usedHeight - inHeight, left, usedWidth - inWidth);
    const grad = tf.conv2d(padded, filter, 1, 'valid', 'NHWC', [strideHeight, strideWidth]);
    return tf.transpose(grad, [1, 2, 0, 3]);
  });
}
