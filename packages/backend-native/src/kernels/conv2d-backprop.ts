import type * as tf from '@tensorflow/tfjs-core';
import { allFloat32, heapFloat32, makeFloat32Output } from '../wasm-heap';
import { conv2dGeometry, conv2dInfo } from './conv2d-geometry';
import { passTo, type KernelArgs, type NativeKernelFactory } from './native-kernel';

/** `Conv2DBackpropInput` (the gradient of a convolution with respect to its input). */
export const nativeConv2dBackpropInput: NativeKernelFactory = (binding) => ({
  kernelName: 'Conv2DBackpropInput',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
      const inputShape = args.attrs?.inputShape as number[];
      // The gradient kernels carry no dilations: tfjs computes dilated gradients elsewhere.
      const info = conv2dInfo(inputShape, filter.shape, { ...args.attrs, dilations: 1 });
      if (!allFloat32(dy, filter) || info.dataFormat !== 'channelsLast') return passTo(original, args);
      const dx = makeFloat32Output(args.backend, inputShape);
      const heap = (t: tf.TensorInfo) => heapFloat32(args.backend, t);
      binding.conv2dBackpropInput(conv2dGeometry(info), heap(dy), heap(filter), heap(dx));
      return dx;
    }) as tf.KernelFunc,
});

/** `Conv2DBackpropFilter` (the gradient of a convolution with respect to its filter). */
export const nativeConv2dBackpropFilter: NativeKernelFactory = (binding) => ({
  kernelName: 'Conv2DBackpropFilter',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const filterShape = args.attrs?.filterShape as number[];
      const info = conv2dInfo(x.shape, filterShape, { ...args.attrs, dilations: 1 });
      if (!allFloat32(x, dy) || info.dataFormat !== 'channelsLast') return passTo(original, args);
      const dw = makeFloat32Output(args.backend, filterShape);
      const heap = (t: tf.TensorInfo) => heapFloat32(args.backend, t);
      binding.conv2dBackpropFilter(conv2dGeometry(info), heap(x), heap(dy), heap(dw));
      return dw;
    }) as tf.KernelFunc,
});
