import type { TrainingKernel } from '../kernels/training-kernels';
import { isNode } from './native-bindings';

/** The optional package with native (oneDNN) kernels for the wasm backend. */
export const NATIVE_KERNELS_PACKAGE = '@contrastive/backend-native';

/** Whether `useBackend` uses the native wasm kernels: if built (`auto`), never, or must. */
export type NativeKernelsMode = 'auto' | 'off' | 'required';
export const NATIVE_KERNEL_MODES: readonly NativeKernelsMode[] = ['auto', 'off', 'required'];

export type NativeKernelsLoad =
  | {
      available: true;
      info: { library: string; version: string; threads: number; isa: string };
      kernels: TrainingKernel[];
    }
  | { available: false; reason: string };

/** Loads the native kernels (injectable so the selection logic is testable without them). */
export type NativeKernelsLoader = () => NativeKernelsLoad;

// The CommonJS module's own `require`, declared because isomorphic packages are type-checked
// without Node's types.
declare const require: ((id: string) => unknown) | undefined;

/**
 * `@contrastive/backend-native`'s kernels, through a computed `require` so bundlers leave the
 * Node-only package out; in a browser there are none.
 */
export const loadNativeKernels: NativeKernelsLoader = () => {
  if (!isNode() || typeof require !== 'function') return { available: false, reason: 'not running in Node' };
  let nativePackage: { nativeWasmKernels(): NativeKernelsLoad };
  try {
    nativePackage = require(NATIVE_KERNELS_PACKAGE) as typeof nativePackage;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      available: false,
      reason:
        code === 'MODULE_NOT_FOUND'
          ? `${NATIVE_KERNELS_PACKAGE} is not installed`
          : `${NATIVE_KERNELS_PACKAGE} failed to load: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  return nativePackage.nativeWasmKernels();
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
