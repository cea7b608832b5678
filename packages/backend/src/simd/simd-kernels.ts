import * as tf from '@tensorflow/tfjs-core';
import { registerTrainingKernels, type TrainingKernel } from '../kernels/training-kernels';
import { simdConv2dKernel, simdFusedConv2dKernel } from './kernels/conv2d';
import { simdConv2dBackpropFilterKernel, simdConv2dBackpropInputKernel } from './kernels/conv2d-backprop';
import { simdFusedSupConRowsKernel } from './kernels/fused-supcon-rows';
import { simdLeadingAxesSumKernel } from './kernels/leading-axes-sum';
import { simdMaxPoolGradKernel } from './kernels/max-pool-grad';
import { simdSymmetricGramKernel } from './kernels/symmetric-gram';
import { simdSymmetrizedMatMulKernel } from './kernels/symmetrized-matmul';
import { simdTransposeKernel } from './kernels/transpose';
import { prepareSimdModule, setSimdKernelsMode, type SimdKernelsMode } from './simd-module';

/**
 * Our WebAssembly SIMD (simd128) kernels for tfjs' wasm backend, built from simd/*.c. Each wraps
 * the kernel registered before it (tfjs' own or our composed one) and hands it the calls it does
 * not take; @contrastive/backend-native's kernels, where built, wrap these in turn.
 */
export const SIMD_KERNELS: readonly TrainingKernel[] = [
  simdConv2dBackpropInputKernel,
  simdConv2dBackpropFilterKernel,
  simdMaxPoolGradKernel,
  simdLeadingAxesSumKernel,
  simdFusedSupConRowsKernel,
  simdTransposeKernel,
  simdSymmetricGramKernel,
  simdSymmetrizedMatMulKernel,
];

/** Kernels of our own (tfjs has none to hand calls to): they leave the registry when the mode is `off`. */
const OWN_KERNELS: readonly TrainingKernel[] = [
  simdFusedSupConRowsKernel,
  simdSymmetricGramKernel,
  simdSymmetrizedMatMulKernel,
];

/** Our GEMM kernels (SupCon's shared-rows products), which a native matMul does better. */
const PRODUCT_KERNELS: readonly TrainingKernel[] = [simdSymmetricGramKernel, simdSymmetrizedMatMulKernel];

function unregisterOwn(kernels: readonly TrainingKernel[]): string[] {
  const removed: string[] = [];
  for (const own of kernels) {
    const registered = tf.getKernel(own.kernelName, 'wasm');
    if (registered && registered.kernelFunc === own.kernelFunc) {
      tf.unregisterKernel(own.kernelName, 'wasm');
      removed.push(own.kernelName);
    }
  }
  return removed;
}

/**
 * Takes our GEMM kernels off wasm when @contrastive/backend-native's matMul is registered: its
 * oneDNN matMul (multithreaded) beats our GEMM there, so SupCon composes both products from it
 * (docs/performance.md). Returns the kernel names taken off; `useBackend` registers them again
 * whenever it runs with native kernels off.
 */
export function leaveProductsToNativeMatMul(): string[] {
  return unregisterOwn(PRODUCT_KERNELS);
}

/**
 * The forward convolutions (`Conv2D`, `FusedConv2D` with bias and ReLU): they measured level with
 * XNNPACK's, a few per cent slower in CPU time on the seed CNN's layers (docs/performance.md), so
 * they take calls only in `simd: 'all'`; the benchmarks compare them.
 */
export const SIMD_FORWARD_KERNELS: readonly TrainingKernel[] = [simdConv2dKernel, simdFusedConv2dKernel];

/**
 * Which SIMD kernels `useBackend` uses on wasm: `auto` (default) those that measured faster than
 * what they replace ({@link SIMD_KERNELS}), `all` the forward convolutions too, `off` none.
 */
export type { SimdKernelsMode };
/** Every SIMD-kernel mode a caller may ask for. */
export const SIMD_KERNEL_MODES: readonly SimdKernelsMode[] = ['auto', 'all', 'off'];

/** What {@link useSimdKernels} did. */
export type SimdKernelsStatus =
  | {
      used: true;
      kernels: string[];
      /** Threads they run on: tfjs' own count on its threaded build (shared memory), else 1. */
      threads: number;
      /** Why they run on one thread although tfjs has more. */
      threadsNote?: string;
    }
  | { used: false; reason: string };

/** The mode from the option, else from the environment (CONTRASTIVE_SIMD), else `auto`. */
export function simdKernelsMode(option: SimdKernelsMode | undefined): SimdKernelsMode {
  const scope = globalThis as { process?: { env?: Record<string, string | undefined> } };
  const mode = option ?? scope.process?.env?.CONTRASTIVE_SIMD ?? 'auto';
  if (!SIMD_KERNEL_MODES.includes(mode as SimdKernelsMode)) {
    throw new Error(
      `useBackend: simd kernels mode must be one of ${SIMD_KERNEL_MODES.join(', ')}, got '${mode}'` +
        (option === undefined ? ' (from CONTRASTIVE_SIMD)' : ''),
    );
  }
  return mode as SimdKernelsMode;
}

/**
 * Instantiates the SIMD kernels on the active wasm backend's memory and registers those `mode`
 * uses over the kernels already there (once: repeated calls are no-ops), or says why not.
 */
export async function useSimdKernels(
  backend: tf.KernelBackend,
  mode: SimdKernelsMode = 'auto',
): Promise<SimdKernelsStatus> {
  setSimdKernelsMode(mode);
  if (mode === 'off') {
    // Wrapping kernels hand their calls on while off; our own kernels have nothing to hand them to,
    // so they leave the registry (the loss then takes its composed path), unless another replaced them.
    unregisterOwn(OWN_KERNELS);
    return { used: false, reason: 'off' };
  }
  const simd = await prepareSimdModule(backend);
  if (typeof simd === 'string') return { used: false, reason: simd };
  const kernels = mode === 'all' ? [...SIMD_FORWARD_KERNELS, ...SIMD_KERNELS] : SIMD_KERNELS;
  registerTrainingKernels('wasm', kernels);
  return {
    used: true,
    kernels: kernels.map((k) => k.kernelName),
    threads: simd.threads,
    ...(simd.threadsNote ? { threadsNote: simd.threadsNote } : {}),
  };
}
