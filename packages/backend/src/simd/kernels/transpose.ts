import type * as tf from '@tensorflow/tfjs-core';
import type { TrainingKernel } from '../../kernels/training-kernels';
import { heapAddress, simdModuleOf } from '../simd-module';
import { passTo, type KernelArgs } from '../../kernels/kernel-args';

/** The part of tfjs' BackendWasm this kernel uses besides the heap. */
interface WasmOutput {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

/**
 * `Transpose` of the last two axes (perm `[0, ..., n-1, n-2]`) of a float32 or int32 tensor, in
 * 4 x 4 blocks on the SIMD kernels: what the matMul wrappers materialise for transposed operands
 * (e.g. SupCon's `[N, N]` logits gradient). Other permutations and dtypes go to tfjs' kernel.
 */
export const simdTransposeKernel: TrainingKernel = {
  kernelName: 'Transpose',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const x = args.inputs.x;
      const perm = (args.attrs?.perm as number[] | undefined) ?? [];
      const simd = simdModuleOf(args.backend);
      const n = x?.shape.length ?? 0;
      const lastTwo =
        n >= 2 &&
        perm.length === n &&
        perm[n - 1] === n - 2 &&
        perm[n - 2] === n - 1 &&
        perm.slice(0, n - 2).every((p, i) => p === i);
      if (
        !simd ||
        !x ||
        !lastTwo ||
        (x.dtype !== 'float32' && x.dtype !== 'int32') ||
        x.shape.some((d) => d === 0)
      ) {
        return passTo(original, args);
      }
      const rows = x.shape[n - 2];
      const cols = x.shape[n - 1];
      const batch = x.shape.slice(0, n - 2).reduce((a, b) => a * b, 1);
      const out = (args.backend as unknown as WasmOutput).makeOutput(
        [...x.shape.slice(0, n - 2), cols, rows],
        x.dtype,
      );
      const [xAt, outAt] = [heapAddress(args.backend, x), heapAddress(args.backend, out)];
      // Threads take ranges of rows, in multiples of 4 so that only the last range has a tail.
      const blocks = Math.ceil(rows / 4);
      simd.parallel(blocks, (begin, end) => [
        'transpose_last_two',
        xAt,
        batch,
        rows,
        cols,
        outAt,
        begin * 4,
        Math.min(end * 4, rows),
      ]);
      return out;
    }) as tf.KernelFunc,
};
