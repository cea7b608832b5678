export { nativeWasmKernels, type NativeKernelsResult, type NativeKernelsOptions } from './native-kernels';
export { applyThreads, shortSpinUnlessSet, SHORT_SPIN_COUNT } from './omp-threads';
export { loadBinding, ADDON_PATH, type NativeBinding, type NativeLibraryInfo } from './binding';
export type { NativeKernel } from './kernels/native-kernel';
/** The fused SupCon kernel's name; the contract is @contrastive/losses' (re-exported so existing imports keep working). */
export { FUSED_SUPCON_ROWS } from '@contrastive/losses';
