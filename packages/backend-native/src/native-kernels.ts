import { loadBinding, type NativeLibraryInfo } from './binding';
import { applyThreads } from './omp-threads';
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

/** What the kernels are set up with. */
export interface NativeKernelsOptions {
  /** OpenMP threads (an integer >= 1; OMP_NUM_THREADS, when set, wins); unset: as they are. */
  threads?: number;
}

// One set of kernel objects per process: @contrastive/backend recognises kernels it already
// registered by identity, so repeated useBackend calls do not stack them.
let cached: NativeKernelsResult | undefined;

/**
 * The native kernels for TensorFlow.js' wasm backend, for @contrastive/backend to register
 * (`useBackend` does so when this package is installed and built, with its thread count), or
 * why there are none. The kernels are one set per process; the thread count applies to every
 * call that follows.
 */
export function nativeWasmKernels(options: NativeKernelsOptions = {}): NativeKernelsResult {
  const { threads } = options;
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) {
    throw new Error(`nativeWasmKernels: threads must be a positive integer, got ${String(threads)}`);
  }
  if (!cached) {
    const loaded = loadBinding();
    cached = loaded.loaded
      ? { available: true, info: loaded.binding.info(), kernels: FACTORIES.map((factory) => factory(loaded.binding)) }
      : { available: false, reason: loaded.reason };
  }
  if (!cached.available) return cached;
  const binding = loadBinding();
  if (binding.loaded) cached.info = applyThreads(binding.binding, threads);
  return cached;
}

