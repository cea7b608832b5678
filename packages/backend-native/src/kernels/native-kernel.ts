import type * as tf from '@tensorflow/tfjs-core';
import type { NativeBinding } from '../binding';

/**
 * A kernel that runs natively where it can and otherwise hands the call to the kernel it
 * replaces (`original`: tfjs' own or @contrastive/backend's composed one), e.g. for another
 * dtype, layout or activation. Same shape as @contrastive/backend's `TrainingKernel`.
 */
export interface NativeKernel {
  kernelName: string;
  wrap: (original: tf.KernelFunc) => tf.KernelFunc;
  backends: readonly string[];
}

export type NativeKernelFactory = (binding: NativeBinding) => NativeKernel;

/** Kernel arguments as the engine passes them. */
export interface KernelArgs {
  inputs: Record<string, tf.TensorInfo | undefined>;
  backend: tf.KernelBackend;
  attrs?: Record<string, unknown>;
}
