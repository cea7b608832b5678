import * as tf from '@tensorflow/tfjs-core';
import { allFloat32, heapFloat32, makeFloat32Output } from '../wasm-heap';
import { passTo, type KernelArgs, type NativeKernelFactory } from './native-kernel';

type MaxPoolGradAttrs = {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

/** `MaxPoolGrad` for any window, stride and padding, one pass over the input, threads over the batch. */
export const nativeMaxPoolGrad: NativeKernelFactory = (binding) => ({
  kernelName: 'MaxPoolGrad',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
      if (!allFloat32(dy, input) || input.shape.length !== 4) return passTo(original, args);
      const { filterSize, strides, pad, dimRoundingMode } = args.attrs as MaxPoolGradAttrs;
      const info = tf.backend_util.computePool2DInfo(
        input.shape as [number, number, number, number],
        filterSize,
        strides,
        1,
        pad,
        dimRoundingMode,
      );
      const geometry = Int32Array.from([
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
      ]);
      const dx = makeFloat32Output(args.backend, input.shape);
      const heap = (t: tf.TensorInfo) => heapFloat32(args.backend, t);
      binding.maxPoolGrad(geometry, heap(dy), heap(input), heap(dx));
      return dx;
    }) as tf.KernelFunc,
});
