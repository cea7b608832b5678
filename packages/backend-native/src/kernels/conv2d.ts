import type * as tf from '@tensorflow/tfjs-core';
import { allFloat32, heapFloat32, makeFloat32Output } from '../wasm-heap';
import { conv2dGeometry, conv2dInfo } from './conv2d-geometry';
import { passTo, type KernelArgs, type NativeKernelFactory } from './native-kernel';

/** `Conv2D` (NHWC, float32) as one oneDNN convolution. */
export const nativeConv2d: NativeKernelFactory = (binding) => ({
  kernelName: 'Conv2D',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
      if (!allFloat32(x, filter)) return passTo(original, args);
      const info = conv2dInfo(x.shape, filter.shape, args.attrs);
      if (info.dataFormat !== 'channelsLast') return passTo(original, args);
      const out = makeFloat32Output(args.backend, info.outShape);
      const heap = (t: tf.TensorInfo) => heapFloat32(args.backend, t);
      binding.conv2d(conv2dGeometry(info), heap(x), heap(filter), null, false, heap(out));
      return out;
    }) as tf.KernelFunc,
});

/**
 * `FusedConv2D` with a per-channel bias and no activation or ReLU (what tfjs-layers' Conv2D
 * emits): bias and ReLU run inside the convolution as oneDNN post-ops. Other activations,
 * broadcast biases and PReLU weights go to the original kernel.
 */
export const nativeFusedConv2d: NativeKernelFactory = (binding) => ({
  kernelName: 'FusedConv2D',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { x, filter, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
      const activation = (args.attrs?.activation as string | undefined) ?? 'linear';
      const info = x && filter ? conv2dInfo(x.shape, filter.shape, args.attrs) : undefined;
      const supported =
        info !== undefined &&
        info.dataFormat === 'channelsLast' &&
        allFloat32(x, filter, bias) &&
        !preluActivationWeights &&
        (activation === 'linear' || activation === 'relu') &&
        (!bias || (bias.shape.length === 1 && bias.shape[0] === info.outChannels));
      if (!supported || !x || !filter) return passTo(original, args);
      const out = makeFloat32Output(args.backend, info.outShape);
      const heap = (t: tf.TensorInfo) => heapFloat32(args.backend, t);
      binding.conv2d(
        conv2dGeometry(info),
        heap(x),
        heap(filter),
        bias ? heap(bias) : null,
        activation === 'relu',
        heap(out),
      );
      return out;
    }) as tf.KernelFunc,
});
