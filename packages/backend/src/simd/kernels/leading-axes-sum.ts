import * as tf from '@tensorflow/tfjs-core';
import type { TrainingKernel } from '../../kernels/training-kernels';
import { nonEmptyFloat32 } from '../geometry';
import { align16, heapAddress, makeFloat32Output, simdModuleOf } from '../simd-module';
import { passTo, type KernelArgs } from '../../kernels/kernel-args';

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
      if (!simd || !x || !nonEmptyFloat32(x)) return passTo(original, args);
      const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims?: boolean };
      const axes = tf.util.parseAxisParam(axis, x.shape);
      const leading =
        axes.length > 0 &&
        axes.length < x.shape.length &&
        [...axes].sort((a, b) => a - b).every((a, i) => a === i);
      if (!leading) return passTo(original, args);
      const rows = tf.util.sizeFromShape(x.shape.slice(0, axes.length));
      const kept = x.shape.slice(axes.length);
      const out = makeFloat32Output(args.backend, keepDims ? [...axes.map(() => 1), ...kept] : kept);
      const cols = tf.util.sizeFromShape(kept);
      const [xAt, outAt] = [heapAddress(args.backend, x), heapAddress(args.backend, out)];
      if (simd.threads === 1) {
        simd.call('leading_axes_sum', xAt, 0, rows, cols, outAt);
        return out;
      }
      // Each thread sums a range of rows into a partial sum of its own; then they are added up.
      const partialBytes = align16(4 * cols);
      simd.withScratch(partialBytes * simd.threads, (partials) => {
        const used = simd.parallel(rows, (begin, end, thread) => [
          'leading_axes_sum',
          xAt,
          begin,
          end,
          cols,
          partials + thread * partialBytes,
        ]);
        simd.call('add_partial_sums', partials, used, partialBytes / 4, cols, outAt);
      });
      return out;
    }) as tf.KernelFunc,
};
