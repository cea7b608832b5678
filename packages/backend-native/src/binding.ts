import * as path from 'path';
import { shortSpinUnlessSet } from './omp-threads';

/** What the compiled addon (native/addon.cc) exports. Buffers are views the caller owns. */
export interface NativeBinding {
  /** Forward 2-D convolution (optional bias and relu fused) into `y`. */
  conv2d(
    geometry: Int32Array,
    x: Float32Array,
    filter: Float32Array,
    bias: Float32Array | null,
    relu: boolean,
    y: Float32Array,
  ): void;
  /** Gradient of a convolution with respect to its input, into `dx`. */
  conv2dBackpropInput(geometry: Int32Array, dy: Float32Array, filter: Float32Array, dx: Float32Array): void;
  /** Gradient of a convolution with respect to its filter, into `dw`. */
  conv2dBackpropFilter(geometry: Int32Array, x: Float32Array, dy: Float32Array, dw: Float32Array): void;
  /** Matrix product (optional bias and relu fused) into `c`. */
  matMul(
    geometry: Int32Array,
    a: Float32Array,
    b: Float32Array,
    bias: Float32Array | null,
    relu: boolean,
    c: Float32Array,
  ): void;
  /** Gradient of max pooling, into `dx`. */
  maxPoolGrad(geometry: Int32Array, dy: Float32Array, x: Float32Array, dx: Float32Array): void;
  /** SupCon's per-anchor loss terms and their gradient with respect to the logits, fused. */
  supConRows(
    geometry: Int32Array,
    scalars: Float32Array,
    logits: Float32Array,
    positive: Float32Array | null,
    anchorLabels: Int32Array | null,
    contrastLabels: Int32Array | null,
    selfIndex: Int32Array | null,
    loss: Float32Array,
    gradient: Float32Array,
  ): void;
  /** Which library the addon was built against. */
  info(): NativeLibraryInfo;
  /** OpenMP threads for the kernels that follow (an integer from 1 to 4096). */
  setThreads(threads: number): void;
}

/** The library under the kernels and how it runs here. */
export interface NativeLibraryInfo {
  /** The library behind the kernels. */
  library: 'oneDNN';
  /** Its version. */
  version: string;
  /** OpenMP threads oneDNN uses (set by {@link nativeWasmKernels}; else OMP_NUM_THREADS, else one per core). */
  threads: number;
  /** Why `threads` is not the count asked for, when it is not (`OMP_NUM_THREADS=3`). */
  threadsReason?: string;
  /** Instruction set oneDNN's JIT targets on this CPU. */
  isa: string;
}

export type BindingResult = { loaded: true; binding: NativeBinding } | { loaded: false; reason: string };

/** The addon built by scripts/build-native.js; the path holds from both src/ and dist/. */
export const ADDON_PATH = path.join(__dirname, '..', 'build', 'Release', 'contrastive_native.node');

let cached: BindingResult | undefined;

/** Loads the addon once, or says why it cannot be used. */
export function loadBinding(): BindingResult {
  if (cached) return cached;
  // Read by the OpenMP runtime once, when the addon's libraries load: it must be set before.
  shortSpinUnlessSet();
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cached = { loaded: true, binding: require(ADDON_PATH) as NativeBinding };
  } catch (error) {
    const code = (error as { code?: string }).code;
    cached = {
      loaded: false,
      reason:
        code === 'MODULE_NOT_FOUND'
          ? 'the native addon is not built (needs oneDNN: apt install libdnnl-dev, then npm rebuild @contrastive/backend-native)'
          : `the native addon failed to load: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  return cached;
}
