import type * as tf from '@tensorflow/tfjs-core';
import type { TrainingKernel } from '../../kernels/training-kernels';
import { conv2dGeometry, conv2dInfo, nonEmptyFloat32 } from '../geometry';
import { runGatherConv } from './gather-conv';
import { passTo, type KernelArgs } from '../../kernels/kernel-args';
import { heapAddress, makeFloat32Output, simdModuleOf } from '../simd-module';

/**
 * act(conv(x, filter) + bias) on the SIMD kernels, or undefined when they do not take the call
 * (not prepared on this backend, another dtype or layout, an empty tensor).
 */
function simdConv2d(
  args: KernelArgs,
  bias: tf.TensorInfo | undefined,
  relu: boolean,
): tf.TensorInfo | undefined {
  const { x, filter } = args.inputs;
  // Level with XNNPACK's Conv2D in CPU time (tools/bench/simd-kernels.js): on in `simd: 'all'` only.
  const simd = simdModuleOf(args.backend, 'all');
  if (!simd || !x || !filter || !nonEmptyFloat32(x, filter, bias)) return undefined;
  const info = conv2dInfo(x.shape, filter.shape, args.attrs);
  if (info.dataFormat !== 'channelsLast' || info.outHeight <= 0 || info.outWidth <= 0) return undefined;
  const y = makeFloat32Output(args.backend, info.outShape);
  const at = (t: tf.TensorInfo) => heapAddress(args.backend, t);
  runGatherConv(simd, conv2dGeometry(info), 0, at(filter), at(x), bias ? at(bias) : 0, relu, at(y));
  return y;
}

/** `Conv2D` (NHWC, float32, any stride, padding and dilation) on the SIMD kernels. */
export const simdConv2dKernel: TrainingKernel = {
  kernelName: 'Conv2D',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => simdConv2d(args, undefined, false) ?? passTo(original, args)) as tf.KernelFunc,
};

/**
 * `FusedConv2D` with a per-channel bias (or none) and no activation or ReLU, what tfjs-layers'
 * Conv2D emits; other activations, broadcast biases and PReLU go to the kernel it replaces.
 */
export const simdFusedConv2dKernel: TrainingKernel = {
  kernelName: 'FusedConv2D',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { filter, bias, preluActivationWeights } = args.inputs;
      const activation = (args.attrs?.activation as string | undefined) ?? 'linear';
      const outChannels = filter?.shape[3];
      const supported =
        !preluActivationWeights &&
        (activation === 'linear' || activation === 'relu') &&
        (!bias || (bias.shape.length === 1 && bias.shape[0] === outChannels));
      return (supported && simdConv2d(args, bias, activation === 'relu')) || passTo(original, args);
    }) as tf.KernelFunc,
};
