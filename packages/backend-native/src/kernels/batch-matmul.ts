import * as tf from '@tensorflow/tfjs-core';
import type { NativeBinding } from '../binding';
import { allFloat32, heapFloat32, makeFloat32Output } from '../wasm-heap';
import { passTo, type KernelArgs, type NativeKernelFactory } from './native-kernel';

interface Product {
  geometry: Int32Array;
  outShape: number[];
}

/**
 * The shapes of `op(a) · op(b)` over any number of batch dimensions, or undefined when the
 * batches broadcast in a way the native matmul does not take (only equal batches or a batch
 * of one) or the inner sizes disagree (the original kernel then reports the error).
 */
function product(a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean): Product | undefined {
  if (a.shape.length < 2 || b.shape.length < 2) return undefined;
  const [aRows, aCols] = a.shape.slice(-2);
  const [bRows, bCols] = b.shape.slice(-2);
  const [m, k] = transposeA ? [aCols, aRows] : [aRows, aCols];
  const [kB, n] = transposeB ? [bCols, bRows] : [bRows, bCols];
  if (k !== kB) return undefined;
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const batchA = tf.util.sizeFromShape(outerA);
  const batchB = tf.util.sizeFromShape(outerB);
  const sameBatch = tf.util.arraysEqual(outerA, outerB);
  if (!sameBatch && batchA !== 1 && batchB !== 1) return undefined;
  const outer = sameBatch ? outerA : tf.backend_util.assertAndGetBroadcastShape(outerA, outerB);
  if (tf.util.sizeFromShape(outer) !== Math.max(batchA, batchB)) return undefined;
  return {
    geometry: Int32Array.from([batchA, batchB, m, k, n, Number(transposeA), Number(transposeB)]),
    outShape: [...outer, m, n],
  };
}

function run(
  binding: NativeBinding,
  args: KernelArgs,
  shape: Product,
  bias: tf.TensorInfo | undefined,
  relu: boolean,
): tf.TensorInfo {
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const out = makeFloat32Output(args.backend, shape.outShape);
  const heap = (t: tf.TensorInfo) => heapFloat32(args.backend, t);
  binding.matMul(shape.geometry, heap(a), heap(b), bias ? heap(bias) : null, relu, heap(out));
  return out;
}

/** `BatchMatMul`: transposed operands are read through strides, never copied. */
export const nativeBatchMatMul: NativeKernelFactory = (binding) => ({
  kernelName: 'BatchMatMul',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const shape = allFloat32(a, b)
        ? product(a, b, Boolean(args.attrs?.transposeA), Boolean(args.attrs?.transposeB))
        : undefined;
      return shape ? run(binding, args, shape, undefined, false) : passTo(original, args);
    }) as tf.KernelFunc,
});

/** `_FusedMatMul` with a bias over the last axis and no activation or ReLU (dense layers). */
export const nativeFusedMatMul: NativeKernelFactory = (binding) => ({
  kernelName: '_FusedMatMul',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
      const activation = (args.attrs?.activation as string | undefined) ?? 'linear';
      const shape =
        a && b && allFloat32(a, b, bias) && !preluActivationWeights && (activation === 'linear' || activation === 'relu')
          ? product(a, b, Boolean(args.attrs?.transposeA), Boolean(args.attrs?.transposeB))
          : undefined;
      const n = shape?.outShape[shape.outShape.length - 1];
      const biasFits = !bias || (bias.shape.length === 1 && bias.shape[0] === n);
      return shape && biasFits
        ? run(binding, args, shape, bias, activation === 'relu')
        : passTo(original, args);
    }) as tf.KernelFunc,
});
