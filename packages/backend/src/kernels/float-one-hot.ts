import * as tf from '@tensorflow/tfjs-core';
import { passTo } from './kernel-args';
import { composeKernel } from './compose-kernel';

type OneHotAttrs = { dtype: tf.DataType; depth: number; onValue: number; offValue: number };

/**
 * Wraps wasm's `OneHot`, which writes int32 values whatever the requested dtype: a float32
 * one-hot came back as bit patterns (1 read as 1.4e-45), so every float mask built with
 * `tf.oneHot(ids, n, on, off, 'float32')` was silently ~0 on wasm. Non-int32 requests now take
 * the int32 0/1 one-hot and map it to `off + (on - off) * hot` in the requested dtype.
 */
export function floatOneHot(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const attrs = args.attrs as unknown as OneHotAttrs;
    if (attrs.dtype === 'int32') return original(args);
    const backend = args.backend as tf.KernelBackend;
    const hot = passTo(original, {
      ...args,
      backend,
      attrs: { ...attrs, dtype: 'int32', onValue: 1, offValue: 0 },
    }) as tf.TensorInfo;
    try {
      return composeKernel(backend, [hot], (h) =>
        tf.add(tf.mul(tf.cast(h, attrs.dtype), attrs.onValue - attrs.offValue), attrs.offValue),
      );
    } finally {
      backend.disposeData(hot.dataId);
    }
  };
}
