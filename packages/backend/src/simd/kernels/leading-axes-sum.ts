import * as tf from '@tensorflow/tfjs-core';
import type { TrainingKernel } from '../../kernels/training-kernels';
import { nonEmptyFloat32 } from '../geometry';
import { heapAddress, makeFloat32Output, simdModuleOf } from '../simd-module';
import type { KernelArgs } from './kernel-args';

/**
 * `Sum` over the leading axes of a float32 tensor (every bias gradient: dy [N, H, W, C] over
 * N, H, W) as one pass of column sums on the SIMD kernels; every other reduction goes to the
 * kernel it wraps (@contrastive/backend's matMul form, then tfjs' own).
 */
export const simdLeadingAxesSumKernel: TrainingKernel = {
  kernelName: 'Sum',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const x = args.inputs.x;
      const simd = simdModuleOf(args.backend);
      if (!simd || !x || !nonEmptyFloat32(x)) return original(args as never);
      const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims?: boolean };
      const axes = tf.util.parseAxisParam(axis, x.shape);
      const leading =
        axes.length > 0 && axes.length < x.shape.length && [...axes].sort((a, b) => a - b).every((a, i) => a === i);
      if (!leading) return original(args as never);
      const rows = tf.util.sizeFromShape(x.shape.slice(0, axes.length));
      const kept = x.shape.slice(axes.length);
      const out = makeFloat32Output(args.backend, keepDims ? [...axes.map(() => 1), ...kept] : kept);
      simd.call('leading_axes_sum', heapAddress(args.backend, x), rows, tf.util.sizeFromShape(kept), heapAddress(args.backend, out));
      return out;
    }) as tf.KernelFunc,
};
