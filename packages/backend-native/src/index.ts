export { nativeWasmKernels, type NativeKernelsResult } from './native-kernels';
export { loadBinding, ADDON_PATH, type NativeBinding, type NativeLibraryInfo } from './binding';
export type { NativeKernel } from './kernels/native-kernel';
export { FUSED_SUPCON_ROWS } from './kernels/fused-supcon-rows';
