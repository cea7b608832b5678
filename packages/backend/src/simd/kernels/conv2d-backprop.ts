import type * as tf from '@tensorflow/tfjs-core';
import type { TrainingKernel } from '../../kernels/training-kernels';
import { conv2dGeometry, conv2dInfo, nonEmptyFloat32 } from '../geometry';
import { passTo, type KernelArgs } from '../../kernels/kernel-args';
import { align16, heapAddress, makeFloat32Output, simdModuleOf } from '../simd-module';
import { runGatherConv } from './gather-conv';

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
        return passTo(original, args);
      }
      // The gradient kernels carry no dilations: tfjs takes dilated gradients another way.
      const info = conv2dInfo(inputShape, filter.shape, { ...args.attrs, dilations: 1 });
      if (info.dataFormat !== 'channelsLast') return passTo(original, args);
      const dx = makeFloat32Output(args.backend, inputShape);
      const at = (t: tf.TensorInfo) => heapAddress(args.backend, t);
      runGatherConv(simd, conv2dGeometry(info), 1, at(filter), at(dy), 0, false, at(dx));
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
        return passTo(original, args);
      }
      const info = conv2dInfo(x.shape, filterShape, { ...args.attrs, dilations: 1 });
      if (info.dataFormat !== 'channelsLast') return passTo(original, args);
      const dw = makeFloat32Output(args.backend, filterShape);
      const at = (t: tf.TensorInfo) => heapAddress(args.backend, t);
      const g = simd.geometry(conv2dGeometry(info));
      // One accumulator per thread (each takes a range of images), added up at the end.
      const stride = align16(simd.call('conv2d_backprop_filter_scratch_bytes', g));
      const [xAt, dyAt, dwAt] = [at(x), at(dy), at(dw)];
      simd.withScratch(stride * simd.threads, (scratch) => {
        const used = simd.parallel(info.batchSize, (begin, end, thread) => [
          'conv2d_backprop_filter_run',
          g,
          xAt,
          dyAt,
          scratch + thread * stride,
          begin,
          end,
        ]);
        simd.call('conv2d_backprop_filter_finish', g, scratch, stride, used, dwAt);
      });
      return dw;
    }) as tf.KernelFunc,
};
