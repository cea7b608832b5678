import * as tf from '@tensorflow/tfjs-core';
import { composeKernel } from './compose-kernel';

type KernelArgs = {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs: Record<string, unknown>;
};

/**
 * Wraps a backend's `Sum` so that a float32 sum over the *leading* axes (e.g. every bias
 * gradient: dy `[N, H, W, C]` summed over N, H, W) runs as one matMul `ones[1, rows] · x[rows, cols]`.
 * wasm's Sum first transposes the reduced axes to the end with its slow generic transpose
 * (~110 ms for a `[512, 28, 28, 16]` dy); the matMul stays on XNNPACK (~3 ms). Every other
 * reduction (trailing axes, all axes, other dtypes) delegates to the backend's own kernel.
 */
export function leadingAxesSum(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs;
    const x = inputs.x as tf.TensorInfo;
    const { axis, keepDims } = attrs as { axis: number | number[]; keepDims?: boolean };
    const axes = tf.util.parseAxisParam(axis, x.shape);
    const leading =
      axes.length > 0 &&
      axes.length < x.shape.length &&
      [...axes].sort((a, b) => a - b).every((a, i) => a === i);
    if (!leading || x.dtype !== 'float32' || tf.util.sizeFromShape(x.shape) === 0) return original(args);
    const rows = x.shape.slice(0, axes.length).reduce((a, b) => a * b, 1);
    const kept = x.shape.slice(axes.length);
    const cols = kept.reduce((a, b) => a * b, 1);
    const outShape = keepDims ? [...axes.map(() => 1), ...kept] : kept;
    return composeKernel(backend, [x], (xt) =>
      tf.reshape(tf.matMul(tf.ones([1, rows]), tf.reshape(xt, [rows, cols])), outShape),
    );
  };
}
