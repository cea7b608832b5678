import { loadBinding, type NativeLibraryInfo } from './binding';
import { nativeBatchMatMul, nativeFusedMatMul } from './kernels/batch-matmul';
import { nativeConv2d, nativeFusedConv2d } from './kernels/conv2d';
import { nativeConv2dBackpropFilter, nativeConv2dBackpropInput } from './kernels/conv2d-backprop';
import { nativeFusedSupConRows } from './kernels/fused-supcon-rows';
import { nativeMaxPoolGrad } from './kernels/max-pool-grad';
import type { NativeKernel, NativeKernelFactory } from './kernels/native-kernel';

const FACTORIES: readonly NativeKernelFactory[] = [
  nativeConv2d,
  nativeFusedConv2d,
  nativeConv2dBackpropInput,
  nativeConv2dBackpropFilter,
  nativeBatchMatMul,
  nativeFusedMatMul,
  nativeMaxPoolGrad,
  nativeFusedSupConRows,
];

/** Whether the native kernels were registered, and why not when they were not. */
export type NativeKernelsResult =
  | { available: true; info: NativeLibraryInfo; kernels: NativeKernel[] }
  | { available: false; reason: string };

// One set of kernel objects per process: @contrastive/backend recognises kernels it already
// registered by identity, so repeated useBackend calls do not stack them.
let cached: NativeKernelsResult | undefined;

/**
 * The native kernels for TensorFlow.js' wasm backend, for @contrastive/backend to register
 * (`useBackend` does so when this package is installed and built), or why there are none.
 */
export function nativeWasmKernels(): NativeKernelsResult {
  if (cached) return cached;
  const loaded = loadBinding();
  cached = loaded.loaded
    ? { available: true, info: loaded.binding.info(), kernels: FACTORIES.map((factory) => factory(loaded.binding)) }
    : { available: false, reason: loaded.reason };
  return cached;
}

