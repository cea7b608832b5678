import * as tf from '@tensorflow/tfjs-core';
import type { TrainingKernel } from '../../kernels/training-kernels';
import { nonEmptyFloat32 } from '../geometry';
import { passTo, type KernelArgs } from '../../kernels/kernel-args';
import { heapAddress, makeFloat32Output, simdModuleOf } from '../simd-module';

type MaxPoolGradAttrs = {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

/** `MaxPoolGrad` for any window, stride and padding, four channels at a time, images across threads, on the SIMD kernels. */
export const simdMaxPoolGradKernel: TrainingKernel = {
  kernelName: 'MaxPoolGrad',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { dy, input } = args.inputs;
      const simd = simdModuleOf(args.backend);
      if (!simd || !dy || !input || input.shape.length !== 4 || !nonEmptyFloat32(dy, input)) {
        return passTo(original, args);
      }
      const { filterSize, strides, pad, dimRoundingMode } = args.attrs as MaxPoolGradAttrs;
      const info = tf.backend_util.computePool2DInfo(
        input.shape as [number, number, number, number],
        filterSize,
        strides,
        1,
        pad,
        dimRoundingMode,
      );
      const dx = makeFloat32Output(args.backend, input.shape);
      const at = (t: tf.TensorInfo) => heapAddress(args.backend, t);
      const g = simd.geometry([
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
      const [dyAt, xAt, dxAt] = [at(dy), at(input), at(dx)];
      simd.parallel(info.batchSize, (begin, end) => ['max_pool_grad', g, dyAt, xAt, dxAt, begin, end]);
      return dx;
    }) as tf.KernelFunc,
};
