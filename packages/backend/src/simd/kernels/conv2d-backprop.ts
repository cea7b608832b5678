import type * as tf from '@tensorflow/tfjs-core';
import type { TrainingKernel } from '../../kernels/training-kernels';
import { conv2dGeometry, conv2dInfo, nonEmptyFloat32 } from '../geometry';
import type { KernelArgs } from './kernel-args';
import { heapAddress, makeFloat32Output, simdModuleOf } from '../simd-module';

/** `Conv2DBackpropInput` (a convolution's gradient with respect to its input) on the SIMD kernels. */
export const simdConv2dBackpropInputKernel: TrainingKernel = {
  kernelName: 'Conv2DBackpropInput',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { dy, filter } = args.inputs;
      const inputShape = args.attrs?.inputShape as number[];
      const simd = simdModuleOf(args.backend);
      if (!simd || !dy || !filter || !nonEmptyFloat32(dy, filter, { dtype: 'float32', shape: inputShape })) {
        return original(args as never);
      }
      // The gradient kernels carry no dilations: tfjs takes dilated gradients another way.
      const info = conv2dInfo(inputShape, filter.shape, { ...args.attrs, dilations: 1 });
      if (info.dataFormat !== 'channelsLast') return original(args as never);
      const dx = makeFloat32Output(args.backend, inputShape);
      const at = (t: tf.TensorInfo) => heapAddress(args.backend, t);
      const g = simd.geometry(conv2dGeometry(info));
      simd.withScratch(simd.call('conv2d_scratch_bytes', g, 1), (scratch) =>
        simd.call('conv2d_backprop_input', g, at(dy), at(filter), at(dx), scratch),
      );
      return dx;
    }) as tf.KernelFunc,
};

/** `Conv2DBackpropFilter` (a convolution's gradient with respect to its filter) on the SIMD kernels. */
export const simdConv2dBackpropFilterKernel: TrainingKernel = {
  kernelName: 'Conv2DBackpropFilter',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { x, dy } = args.inputs;
      const filterShape = args.attrs?.filterShape as number[];
      const simd = simdModuleOf(args.backend);
      if (!simd || !x || !dy || !nonEmptyFloat32(x, dy, { dtype: 'float32', shape: filterShape })) {
        return original(args as never);
      }
      const info = conv2dInfo(x.shape, filterShape, { ...args.attrs, dilations: 1 });
      if (info.dataFormat !== 'channelsLast') return original(args as never);
      const dw = makeFloat32Output(args.backend, filterShape);
      const at = (t: tf.TensorInfo) => heapAddress(args.backend, t);
      const g = simd.geometry(conv2dGeometry(info));
      simd.withScratch(simd.call('conv2d_backprop_filter_scratch_bytes', g), (scratch) =>
        simd.call('conv2d_backprop_filter', g, at(x), at(dy), at(dw), scratch),
      );
      return dw;
    }) as tf.KernelFunc,
};
