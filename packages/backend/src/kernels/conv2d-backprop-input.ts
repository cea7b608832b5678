import * as tf from '@tensorflow/tfjs-core';
import { assertChannelsLast, composeKernel, dilateSpatial, padOrCrop } from './compose-kernel';

interface Conv2DBackpropInputAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

/**
 * dx = the transposed convolution of dy: spread dy by the stride (zeros between rows and
 * columns), pad by (k − 1 − p), and convolve with the filter rotated 180° and its in/out
 * channels swapped. One stride-1 conv on the fast forward path.
 */
export function conv2dBackpropInput(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs: Record<string, unknown>;
}): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
  assertChannelsLast('Conv2DBackpropInput', attrs.dataFormat);
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { strideHeight, strideWidth, filterHeight, filterWidth, inHeight, inWidth, outHeight, outWidth } =
    info;
  const { top, left } = info.padInfo;
  const spreadHeight = (outHeight - 1) * strideHeight + 1;
  const spreadWidth = (outWidth - 1) * strideWidth + 1;
  return composeKernel(args.backend, [dy, filter], (dyt, wt) => {
    const spread = dilateSpatial(dyt as tf.Tensor4D, strideHeight, strideWidth);
    const padded = padOrCrop(
      spread,
      filterHeight - 1 - top,
      inHeight - spreadHeight + top,
      filterWidth - 1 - left,
      inWidth - spreadWidth + left,
    );
    const rotated = tf.transpose(tf.reverse(wt, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    return tf.conv2d(padded, rotated, 1, 'valid');
  });
}
