import type * as tf from '@tensorflow/tfjs-core';

/** Kernel arguments as tfjs' engine passes them. */
export interface KernelArgs {
  inputs: Record<string, tf.TensorInfo | undefined>;
  backend: tf.KernelBackend;
  attrs?: Record<string, unknown>;
}
