import * as tf from '@tensorflow/tfjs-core';
import { passTo } from './kernel-args';

type KernelArgs = {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs: Record<string, unknown>;
};
type Disposable = tf.KernelBackend & { disposeData(dataId: object): boolean };

/**
 * wasm's matMul is fast (XNNPACK) only when neither operand is transposed: with
 * `transposeA`/`transposeB` it measured 7–8x slower than an explicit transpose followed by a
 * plain matMul. Every matMul gradient and every similarity matrix `z zᵀ` takes that slow
 * path, so this wraps a matMul kernel to materialise the transposes first.
 */
export function untransposedMatMul(original: tf.KernelFunc): tf.KernelFunc {
  const transposeKernel = () => {
    const kernel = tf.getKernel('Transpose', tf.getBackend());
    if (!kernel) throw new Error(`untransposedMatMul: backend '${tf.getBackend()}' has no Transpose kernel`);
    return kernel.kernelFunc;
  };
  return (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs;
    const { transposeA, transposeB } = attrs as { transposeA?: boolean; transposeB?: boolean };
    if (!transposeA && !transposeB) return original(args);
    const intermediates: tf.TensorInfo[] = [];
    const materialise = (info: tf.TensorInfo): tf.TensorInfo => {
      const rank = info.shape.length;
      const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
      const out = transposeKernel()({ inputs: { x: info }, backend, attrs: { perm } }) as tf.TensorInfo;
      intermediates.push(out);
      return out;
    };
    const a = transposeA ? materialise(inputs.a as tf.TensorInfo) : inputs.a;
    const b = transposeB ? materialise(inputs.b as tf.TensorInfo) : inputs.b;
    try {
      return passTo(original, {
        inputs: { ...inputs, a, b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const info of intermediates) (backend as Disposable).disposeData(info.dataId);
    }
  };
}
