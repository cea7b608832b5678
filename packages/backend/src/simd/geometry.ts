import { backend_util } from '@tensorflow/tfjs-core';

/**
 * The int32 layout our kernels read as a Conv2dGeometry: the wasm SIMD ones (simd/simd.h) and the
 * native ones of `@contrastive/backend-native` (native/addon.cc) alike, so it is defined once here.
 */
export function conv2dGeometry(info: backend_util.Conv2DInfo): number[] {
  return [
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
  ];
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

type MaxPoolGradAttrs = {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

/**
 * The int32 layout our MaxPoolGrad kernels read (wasm SIMD and native alike), from tfjs' own pooling
 * arithmetic for the kernel's attributes; `batchSize` first, so callers can split the batch.
 */
export function maxPoolGradGeometry(inputShape: number[], attrs: Record<string, unknown> | undefined): number[] {
  const { filterSize, strides, pad, dimRoundingMode } = attrs as MaxPoolGradAttrs;
  const info = backend_util.computePool2DInfo(
    inputShape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  return [
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
  ];
}

/** True when every tensor is float32 and holds at least one value (the kernels' only case). */
export function nonEmptyFloat32(...infos: Array<{ dtype: string; shape: number[] } | undefined>): boolean {
  return infos.every(
    (info) => info === undefined || (info.dtype === 'float32' && info.shape.every((d) => d > 0)),
  );
}
