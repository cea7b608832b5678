import { backend_util } from '@tensorflow/tfjs-core';

/** The Int32Array layout native/addon.cc reads as a Conv2dGeometry. */
export function conv2dGeometry(info: backend_util.Conv2DInfo): Int32Array {
  return Int32Array.from([
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.filterHeight,
    info.filterWidth,
    info.outChannels,
    info.outHeight,
    info.outWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.bottom,
    info.padInfo.left,
    info.padInfo.right,
  ]);
}

type Conv2DAttrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

/** tfjs' own convolution arithmetic (output size, padding) for a kernel's attributes. */
export function conv2dInfo(
  inputShape: number[],
  filterShape: number[],
  attrs: Record<string, unknown> | undefined,
): backend_util.Conv2DInfo {
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs as Conv2DAttrs;
  return backend_util.computeConv2DInfo(
    inputShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations ?? 1,
    pad,
    dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(dataFormat ?? 'NHWC'),
  );
}
