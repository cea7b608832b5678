import type * as tf from '@tensorflow/tfjs-core';
import type { NativeBinding } from '../binding';

/**
 * A native kernel. Most replace a tfjs kernel (`wrap`): they run natively where they can and hand
 * every other call to the kernel they replace (tfjs' own or @contrastive/backend's composed one),
 * e.g. for another dtype, layout or activation. Same shape as @contrastive/backend's `TrainingKernel`.
 */
export interface NativeKernel {
  /** The tfjs kernel it replaces. */
  kernelName: string;
  /** Replaces an existing kernel, handing it the calls it does not take. */
  wrap?: (original: tf.KernelFunc) => tf.KernelFunc;
  /** A kernel of its own (a fused operation tfjs has no kernel for). */
  kernelFunc?: tf.KernelFunc;
  /** Backends it is registered on. */
  backends: readonly string[];
}

export type NativeKernelFactory = (binding: NativeBinding) => NativeKernel;

export { passTo, type KernelArgs } from '@contrastive/backend';
