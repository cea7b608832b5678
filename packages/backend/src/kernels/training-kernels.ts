import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilter } from './conv2d-backprop-filter';
import { conv2dBackpropInput } from './conv2d-backprop-input';
import { depthwiseConv2dNativeBackpropFilter } from './depthwise-backprop-filter';
import { depthwiseConv2dNativeBackpropInput } from './depthwise-backprop-input';
import { untransposedMatMul } from './untransposed-matmul';
import { composedMaxPoolGrad } from './max-pool-grad';
import { leadingAxesSum } from './leading-axes-sum';
import { floatOneHot } from './float-one-hot';
import { sharedIdentity } from './shared-identity';

/** A kernel we provide, and the backends on which it replaces (or fills in for) tfjs' own. */
export interface TrainingKernel {
  /** The tfjs kernel name. */
  kernelName: string;
  /** Our kernel; `wrap` kernels receive the backend's own kernel to delegate to. */
  kernelFunc?: tf.KernelFunc;
  /** Wraps the backend's own kernel instead of replacing it, when given. */
  wrap?: (original: tf.KernelFunc) => tf.KernelFunc;
  /**
   * Backends where ours is registered. On wasm the filter gradients do not exist at all; the
   * input gradient exists but ours measured faster (see docs/backend.md). On cpu only the
   * conv filter gradient is replaced, where tfjs' scalar loop is ~60x slower.
   */
  backends: readonly string[];
}

/** The training kernels this package adds to backends that lack them. */
export const TRAINING_KERNELS: readonly TrainingKernel[] = [
  {
    kernelName: 'Conv2DBackpropFilter',
    kernelFunc: conv2dBackpropFilter as tf.KernelFunc,
    backends: ['wasm', 'cpu'],
  },
  { kernelName: 'Conv2DBackpropInput', kernelFunc: conv2dBackpropInput as tf.KernelFunc, backends: ['wasm'] },
  {
    kernelName: 'DepthwiseConv2dNativeBackpropFilter',
    kernelFunc: depthwiseConv2dNativeBackpropFilter as tf.KernelFunc,
    backends: ['wasm'],
  },
  {
    kernelName: 'DepthwiseConv2dNativeBackpropInput',
    kernelFunc: depthwiseConv2dNativeBackpropInput as tf.KernelFunc,
    backends: ['wasm'],
  },
  { kernelName: 'MaxPoolGrad', wrap: composedMaxPoolGrad, backends: ['wasm'] },
  { kernelName: 'Sum', wrap: leadingAxesSum, backends: ['wasm'] },
  { kernelName: 'BatchMatMul', wrap: untransposedMatMul, backends: ['wasm'] },
  { kernelName: '_FusedMatMul', wrap: untransposedMatMul, backends: ['wasm'] },
  // A correctness fix, not a speed-up: wasm's OneHot ignores a float dtype (see float-one-hot.ts).
  { kernelName: 'OneHot', wrap: floatOneHot, backends: ['wasm'] },
  // Clones share the data instead of copying it (the tape's saved tensors; see shared-identity.ts).
  { kernelName: 'Identity', wrap: sharedIdentity, backends: ['wasm'] },
];

/**
 * Per `<backend>/<kernel>`: the kernels of ours stacked there (a native kernel wraps our composed
 * one, which may wrap tfjs' own) and the function on top, so repeated calls are no-ops.
 */
const chains = new Map<string, { top: tf.KernelFunc; kernels: Set<TrainingKernel> }>();

/**
 * Registers our training kernels on `backendName` (replacing tfjs' own where listed), once
 * each: a kernel already in place is skipped; a `wrap` kernel wraps whatever is registered
 * (tfjs' kernel or one of ours). If something else replaced the kernel since, we start over.
 * Returns the names registered. Safe to call repeatedly.
 */
export function registerTrainingKernels(
  backendName: string,
  kernels: readonly TrainingKernel[] = TRAINING_KERNELS,
): string[] {
  const registered: string[] = [];
  for (const kernel of kernels) {
    if (!kernel.backends.includes(backendName)) continue;
    const key = `${backendName}/${kernel.kernelName}`;
    const existing = tf.getKernel(kernel.kernelName, backendName);
    const chain = chains.get(key);
    const intact = chain !== undefined && existing?.kernelFunc === chain.top;
    if (intact && chain.kernels.has(kernel)) continue;
    let kernelFunc = kernel.kernelFunc;
    if (kernel.wrap) {
      if (!existing) continue;
      kernelFunc = kernel.wrap(existing.kernelFunc);
    }
    if (!kernelFunc) throw new Error(`training kernel ${kernel.kernelName} has neither kernelFunc nor wrap`);
    if (existing) tf.unregisterKernel(kernel.kernelName, backendName);
    tf.registerKernel({
      kernelName: kernel.kernelName,
      backendName,
      kernelFunc,
      setupFunc: existing?.setupFunc,
      disposeFunc: existing?.disposeFunc,
    });
    chains.set(key, { top: kernelFunc, kernels: new Set([...(intact ? chain.kernels : []), kernel]) });
    registered.push(kernel.kernelName);
  }
  return registered;
}
