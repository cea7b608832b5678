import type * as tf from '@tensorflow/tfjs-core';

/** The part of tfjs-backend-wasm's BackendWasm the native kernels use. */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * A float32 view of a tensor's bytes on the wasm heap (no copy). Take views only after every
 * output is allocated: an allocation may grow the heap, which detaches earlier views.
 */
export function heapFloat32(backend: tf.KernelBackend, info: tf.TensorInfo): Float32Array {
  const view = (backend as unknown as WasmBackendLike).typedArrayFromHeap(info);
  if (!(view instanceof Float32Array)) {
    throw new Error(`native kernels: expected a float32 tensor, got ${info.dtype}`);
  }
  return view;
}

/** Allocates a float32 output on the wasm heap. */
export function makeFloat32Output(backend: tf.KernelBackend, shape: number[]): tf.TensorInfo {
  return (backend as unknown as WasmBackendLike).makeOutput(shape, 'float32');
}

/** True when every given tensor is float32 (the only dtype the native kernels take). */
export function allFloat32(...infos: Array<tf.TensorInfo | undefined>): boolean {
  return infos.every((info) => info === undefined || info.dtype === 'float32');
}

/** An int32 view of a tensor's bytes on the wasm heap (no copy); see {@link heapFloat32}. */
export function heapInt32(backend: tf.KernelBackend, info: tf.TensorInfo): Int32Array {
  const view = (backend as unknown as WasmBackendLike).typedArrayFromHeap(info);
  if (!(view instanceof Int32Array)) {
    throw new Error(`native kernels: expected an int32 tensor, got ${info.dtype}`);
  }
  return view;
}
