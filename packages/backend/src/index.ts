/**
 * @contrastive/backend: picks the fastest TensorFlow.js backend available
 * (WebGPU on a hardware adapter > tfjs-node-gpu > tfjs-node > wasm > cpu) and registers the training kernels wasm and cpu
 * lack or run slowly. Importing it also registers tfjs' gradient functions.
 * @packageDocumentation
 */
import './gradients';

export {
  useBackend,
  availableBackends,
  describeBackend,
  nativeKernelsHint,
  type UseBackendOptions,
  type BackendAvailability,
} from './select/use-backend';
export { BACKEND_REQUESTS, type BackendRequest } from './select/backend-name';
export {
  probeWebGpu,
  describeAdapter,
  adapterLabel,
  WEBGPU_NODE_PACKAGE,
  type WebGpuProbe,
  type WebGpuProber,
  type WebGpuAdapterDescription,
} from './select/webgpu-adapter';
export {
  NATIVE_BINDINGS,
  requireIfInstalled,
  requireOptional,
  isNode,
  type ModuleLoader,
  type NativeBinding,
} from './select/native-bindings';
export { registerTrainingKernels, TRAINING_KERNELS, type TrainingKernel } from './kernels/training-kernels';
export { conv2dBackpropFilter } from './kernels/conv2d-backprop-filter';
export { conv2dBackpropInput } from './kernels/conv2d-backprop-input';
export { depthwiseConv2dNativeBackpropFilter } from './kernels/depthwise-backprop-filter';
export { depthwiseConv2dNativeBackpropInput } from './kernels/depthwise-backprop-input';
export { composedMaxPoolGrad } from './kernels/max-pool-grad';
export { untransposedMatMul } from './kernels/untransposed-matmul';
export { floatOneHot } from './kernels/float-one-hot';
export {
  SIMD_KERNELS,
  SIMD_FORWARD_KERNELS,
  SIMD_KERNEL_MODES,
  simdKernelsMode,
  useSimdKernels,
  type SimdKernelsMode,
  type SimdKernelsStatus,
} from './simd/simd-kernels';
export { enableWasmThreads, type WasmThreadsStatus } from './threads/wasm-threads';
export { freeCores, type CoreLoad, type FreeCores } from './threads/free-cores';
export { nodeCoreLoad } from './threads/node-core-load';
export {
  planThreads,
  THREADS_ENV,
  type ThreadsPlan,
  type ThreadsRequest,
  type ThreadsContext,
} from './threads/thread-count';
export {
  loadNativeKernels,
  nativeKernelsMode,
  NATIVE_KERNELS_PACKAGE,
  NATIVE_KERNEL_MODES,
  type NativeKernelsLoad,
  type NativeKernelsLoader,
  type NativeKernelsMode,
  type NativeKernelsOptions,
} from './select/native-kernels';
export { conv2dGeometry, conv2dInfo, maxPoolGradGeometry } from './simd/geometry';
export { passTo, type KernelArgs } from './kernels/kernel-args';
