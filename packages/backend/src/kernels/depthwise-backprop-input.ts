import * as tf from '@tensorflow/tfjs-core';
import { composeKernel, dilateSpatial, padOrCrop } from './compose-kernel';

interface DepthwiseBackpropInputAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

/**
 * dx[n, h, w, c] = Σ_{kh, kw, m} dy[n, ho, wo, c·M + m] · W[kh, kw, c, m] with h = ho·s + kh·d − pt:
 * per channel multiplier m, a stride-1 depthwise conv (same dilation) of dy spread by the
 * stride with the filter rotated 180°, summed over m.
 */
export function depthwiseConv2dNativeBackpropInput(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs: Record<string, unknown>;
}): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = args.attrs as unknown as DepthwiseBackpropInputAttrs;
  const filterShape = filter.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, inHeight, inWidth, outHeight, outWidth } =
    info;
  const { effectiveFilterHeight, effectiveFilterWidth } = info;
  const { top, left } = info.padInfo;
  const [, , channels, multiplier] = filterShape;
  const spreadHeight = (outHeight - 1) * strideHeight + 1;
  const spreadWidth = (outWidth - 1) * strideWidth + 1;
  return composeKernel(args.backend, [dy, filter], (dyt, wt) => {
    const [batch] = dyt.shape;
    const grads = tf.reshape(dyt, [batch, outHeight, outWidth, channels, multiplier]);
    const rotated = tf.reverse(wt, [0, 1]);
    let total: tf.Tensor4D | undefined;
    for (let m = 0; m < multiplier; m++) {
      const slice = (
        multiplier === 1
          ? dyt
          : tf.reshape(tf.slice(grads, [0, 0, 0, 0, m], [-1, -1, -1, -1, 1]), [
              batch,
              outHeight,
              outWidth,
              channels,
            ])
      ) as tf.Tensor4D;
      const spread = dilateSpatial(slice, strideHeight, strideWidth);
      const padded = padOrCrop(
        spread,
        effectiveFilterHeight - 1 - top,
        inHeight - spreadHeight + top,
        effectiveFilterWidth - 1 - left,
        inWidth - spreadWidth + left,
      );
      const kernel = tf.slice(rotated, [0, 0, 0, m], [-1, -1, -1, 1]) as tf.Tensor4D;
      const part = tf.depthwiseConv2d(padded, kernel, 1, 'valid', 'NHWC', [dilationHeight, dilationWidth]);
      total = total ? (tf.add(total, part) as tf.Tensor4D) : part;
    }
    return total as tf.Tensor4D;
  });
}
