import type * as tf from '@tensorflow/tfjs-core';

/** Kernel arguments as tfjs' engine passes them, typed as our kernels read them. */
export interface KernelArgs {
  /** The kernel's input tensors by name. */
  inputs: Record<string, tf.TensorInfo | undefined>;
  /** The backend running the kernel. */
  backend: tf.KernelBackend;
  /** The kernel's attributes (strides, padding, transposes...). */
  attrs?: Record<string, unknown>;
}

/**
 * Hands a call one of our kernels does not take back to the kernel it replaces (tfjs' own, or a
 * composed one of ours). `KernelArgs` is the engine's argument; this is the one place it is given
 * back as such, for our wasm SIMD kernels and `@contrastive/backend-native`'s alike.
 */
export function passTo(original: tf.KernelFunc, args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
  return original(args as Parameters<tf.KernelFunc>[0]);
}
