import type * as tf from '@tensorflow/tfjs-core';

type RefCounting = tf.KernelBackend & { incRef(dataId: object): void };

/**
 * Wraps wasm's `Identity`, which copies the tensor's bytes. tfjs' gradient tape clones every tensor
 * a `customGrad` op saves (SupCon's `[N, N]` logit gradient: 4 MB at B = 512, 64 MB at B = 2048)
 * and tfjs' ops clone in many other places. Tensors are immutable, so the clone shares the data and
 * takes one more reference to it, as tfjs' cpu backend does; the copy stays for strings.
 */
export function sharedIdentity(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo | undefined;
    const backend = args.backend as RefCounting;
    if (!x || x.dtype === 'string' || typeof backend.incRef !== 'function') return original(args);
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}
