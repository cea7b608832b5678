import type { TrainingKernel } from '../kernels/training-kernels';
import { requireOptional } from './native-bindings';

/** The optional package with native (oneDNN) kernels for the wasm backend. */
export const NATIVE_KERNELS_PACKAGE = '@contrastive/backend-native';

/** Whether `useBackend` uses the native wasm kernels: if built (`auto`), never, or must. */
export type NativeKernelsMode = 'auto' | 'off' | 'required';
/** Every native-kernel mode a caller may ask for. */
export const NATIVE_KERNEL_MODES: readonly NativeKernelsMode[] = ['auto', 'off', 'required'];

/** What loading the native kernels did. */
export type NativeKernelsLoad =
  | {
      available: true;
      /** `threadsReason`: why the native library runs on another count than asked (OMP_NUM_THREADS). */
      info: { library: string; version: string; threads: number; threadsReason?: string; isa: string };
      kernels: TrainingKernel[];
    }
  | { available: false; reason: string };

/** What the native kernels are loaded with. */
export interface NativeKernelsOptions {
  /** Threads for the native library (OpenMP), from useBackend's thread plan; unset: as they are. */
  threads?: number;
}

/**
 * Loads the native kernels (injectable so the selection logic is testable without them). Called
 * without options it only asks whether they are there.
 */
export type NativeKernelsLoader = (options?: NativeKernelsOptions) => NativeKernelsLoad;

/**
 * `@contrastive/backend-native`'s kernels (loaded like the other optional packages, so bundlers
 * leave the Node-only package out); in a browser there are none.
 */
export const loadNativeKernels: NativeKernelsLoader = (options) => {
  const native = requireOptional<{ nativeWasmKernels(options?: NativeKernelsOptions): NativeKernelsLoad }>(
    NATIVE_KERNELS_PACKAGE,
  );
  if (!native.loaded) return { available: false, reason: `${NATIVE_KERNELS_PACKAGE}: ${native.reason}` };
  return native.module.nativeWasmKernels(options);
};

/** The mode from the option, else from the environment (CONTRASTIVE_NATIVE), else `auto`. */
export function nativeKernelsMode(option: NativeKernelsMode | undefined): NativeKernelsMode {
  const scope = globalThis as { process?: { env?: Record<string, string | undefined> } };
  const mode = option ?? scope.process?.env?.CONTRASTIVE_NATIVE ?? 'auto';
  if (!NATIVE_KERNEL_MODES.includes(mode as NativeKernelsMode)) {
    throw new Error(
      `useBackend: native kernels mode must be one of ${NATIVE_KERNEL_MODES.join(', ')}, got '${mode}'` +
        (option === undefined ? ' (from CONTRASTIVE_NATIVE)' : ''),
    );
  }
  return mode as NativeKernelsMode;
}
