import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// Registers the `webgl` factory in browsers only (it does nothing in Node).
import '@tensorflow/tfjs-backend-webgl';
import '../gradients';
import { registerTrainingKernels } from '../kernels/training-kernels';
import { BACKEND_REQUESTS, type BackendRequest } from './backend-name';
import { isNode, NATIVE_BINDINGS, requireIfInstalled, type ModuleLoader } from './native-bindings';
import type { CoreLoad } from '../threads/free-cores';
import { planThreads, type ThreadsPlan, type ThreadsRequest } from '../threads/thread-count';
import { requestWasmThreads, threadsLabel, wasmThreadsInUse, type WasmThreadsInUse } from '../threads/wasm-threads-in-use';
import {
  loadNativeKernels,
  nativeKernelsMode,
  type NativeKernelsLoader,
  type NativeKernelsMode,
} from './native-kernels';
import { leaveProductsToNativeMatMul, simdKernelsMode, useSimdKernels, type SimdKernelsMode } from '../simd/simd-kernels';
import { adapterLabel, probeWebGpuOnce, type WebGpuAdapterDescription, type WebGpuProber } from './webgpu-adapter';
import { loadWebGpuBackend } from './webgpu-backend';

/** Options of {@link useBackend}. */
export interface UseBackendOptions {
  /** Where the one-line choice is reported (default: console.info). */
  log?: (line: string) => void;
  /** Say nothing. */
  quiet?: boolean;
  /** How optional native packages are loaded (tests inject fakes). */
  load?: ModuleLoader;
  /**
   * Threads for the wasm backend and the native kernels: a count, or `auto` (the default): in
   * Node the cores free at start (all cores minus those other processes hold: running now on
   * Linux, else by the 1-minute load average; at least 1), in a browser tfjs' own rule (threads when the page is
   * cross-origin isolated). More than 1 loads tfjs' threaded SIMD build: on worker_threads in
   * Node, on web workers in a cross-origin isolated page (see {@link enableWasmThreads}); it is
   * fixed when wasm first initialises. Without workers or SharedArrayBuffer wasm runs on one
   * thread and the log line says why. The environment variable CONTRASTIVE_THREADS sets the
   * default.
   */
  threads?: ThreadsRequest;
  /** The cores and load `threads: 'auto'` looks at (tests inject them); default: this machine's. */
  coreLoad?: CoreLoad;
  /**
   * Node only: native (oneDNN) kernels for convolutions, matmuls and max-pool gradients on the
   * wasm backend, from the optional package `@contrastive/backend-native` (built when oneDNN is
   * installed: `apt install libdnnl-dev`). `auto` (default) uses them when they load, `off`
   * never, `required` throws if they cannot be used. The environment variable
   * CONTRASTIVE_NATIVE sets the default.
   */
  native?: NativeKernelsMode;
  /**
   * Our WebAssembly SIMD kernels on the wasm backend, in Node and browsers alike, with nothing to
   * install: `auto` (default) the convolution gradients, max-pool gradient and bias-gradient sums
   * (faster than what they replace), `all` the forward convolutions too (level with XNNPACK's),
   * `off` none. Native kernels, where built, take precedence for what they cover. The environment
   * variable CONTRASTIVE_SIMD sets the default.
   */
  simd?: SimdKernelsMode;
  /** How the native kernels are loaded (tests inject fakes). */
  loadNative?: NativeKernelsLoader;
  /**
   * Let an explicit `'webgpu'` request run on a software adapter (SwiftShader, llvmpipe): correct,
   * but slower than wasm, so refused unless asked for (tests do). `auto` never picks one.
   * The environment variable CONTRASTIVE_ALLOW_SOFTWARE_GPU=1 sets the default.
   */
  allowSoftwareGpu?: boolean;
  /** How the WebGPU adapter is found (tests inject fakes); default: once per process. */
  probeWebGpu?: WebGpuProber;
}

/** Whether a backend can run here. */
export interface BackendAvailability {
  /** The backend. */
  name: 'webgpu' | 'tensorflow' | 'webgl' | 'wasm' | 'cpu';
  /** Whether it can be initialised in this environment. */
  available: boolean;
  /** The package that provides it, or why it is not available. */
  detail: string;
}

/** Which backends could be used here, best first, with the reason for each. */
export function availableBackends(load: ModuleLoader = requireIfInstalled): BackendAvailability[] {
  const native = NATIVE_BINDINGS.map((binding) => ({ binding, result: load(binding.packageName) }));
  const loaded = native.find((n) => n.result.loaded);
  return [
    {
      name: 'tensorflow',
      available: Boolean(loaded) && tf.findBackendFactory('tensorflow') != null,
      detail: loaded
        ? loaded.binding.packageName
        : native
            .map((n) => `${n.binding.packageName}: ${n.result.loaded ? 'loaded' : n.result.reason}`)
            .join('; '),
    },
    {
      name: 'webgl',
      available: tf.findBackendFactory('webgl') != null,
      detail: isNode()
        ? 'browsers only: @tensorflow/tfjs-backend-webgl needs a page with WebGL2'
        : '@tensorflow/tfjs-backend-webgl (WebGL2)',
    },
    {
      name: 'wasm',
      available: tf.findBackendFactory('wasm') != null,
      detail: '@tensorflow/tfjs-backend-wasm',
    },
    {
      name: 'cpu',
      available: tf.findBackendFactory('cpu') != null,
      detail: '@tensorflow/tfjs-backend-cpu (pure JS)',
    },
  ];
}

/**
 * WebGPU's availability: for `auto` only a hardware adapter counts; an explicit `webgpu` request
 * takes a software one only when allowed. The adapter rides along for the log line.
 */
async function webGpuAvailability(
  request: BackendRequest,
  allowSoftware: boolean,
  probe: WebGpuProber,
): Promise<BackendAvailability & { adapter?: WebGpuAdapterDescription; install?: string }> {
  const found = await probe();
  if (!found.available) return { name: 'webgpu', available: false, detail: found.reason, install: found.install };
  const { adapter } = found;
  const label = adapterLabel(adapter);
  if (adapter.software && (request === 'auto' || !allowSoftware)) {
    return {
      name: 'webgpu',
      available: false,
      adapter,
      detail:
        request === 'auto'
          ? `only a ${label.replace(/, software adapter$/, '')} software adapter: never chosen automatically`
          : `only a software adapter: ${label}; it computes correctly but slower than wasm`,
      install:
        'a GPU with its Vulkan driver (see docs/backend.md, "GPU without libtensorflow"), or pass ' +
        'allowSoftwareGpu: true (or set CONTRASTIVE_ALLOW_SOFTWARE_GPU=1) to use the software adapter anyway',
    };
  }
  return {
    name: 'webgpu',
    available: true,
    adapter,
    detail: `@tensorflow/tfjs-backend-webgpu on ${label}, through ${found.source}`,
  };
}

/** True when software WebGPU adapters may be used: the option, else CONTRASTIVE_ALLOW_SOFTWARE_GPU. */
function softwareGpuAllowed(option: boolean | undefined): boolean {
  if (option !== undefined) return option;
  const scope = globalThis as { process?: { env?: Record<string, string | undefined> } };
  const value = scope.process?.env?.CONTRASTIVE_ALLOW_SOFTWARE_GPU;
  return value === '1' || value === 'true';
}

/**
 * Selects the TensorFlow.js backend and makes it able to train: `auto` prefers WebGPU on a
 * hardware adapter, then tfjs-node-gpu, then tfjs-node (if the user installed them), then (in a
 * browser with WebGL2) webgl, then wasm, then cpu; on wasm and cpu the convolution gradient
 * kernels they lack or run slowly are registered. A backend that is registered but cannot start
 * (a browser without WebGL2) is passed over, and named with the reason in the log line.
 * Logs one line saying which backend and why, and resolves to the backend in use.
 */
export async function useBackend(
  request: BackendRequest = 'auto',
  options: UseBackendOptions = {},
): Promise<string> {
  const threadsPlan = planThreads(options.threads, options.coreLoad ? { coreLoad: options.coreLoad } : {});
  if (!BACKEND_REQUESTS.includes(request)) {
    throw new Error(
      `useBackend: unknown backend '${String(request)}'; expected one of ${BACKEND_REQUESTS.join(', ')}`,
    );
  }
  const nativeMode = nativeKernelsMode(options.native);
  const simdMode = simdKernelsMode(options.simd);
  const log = options.quiet ? () => undefined : (options.log ?? ((line: string) => console.info(line)));
  const webgpu =
    request === 'auto' || request === 'webgpu'
      ? await webGpuAvailability(request, softwareGpuAllowed(options.allowSoftwareGpu), options.probeWebGpu ?? probeWebGpuOnce)
      : undefined;
  const candidates = [...(webgpu ? [webgpu] : []), ...availableBackends(options.load)];
  const failures: string[] = [];
  const order = request === 'auto' ? candidates : candidates.filter((c) => c.name === request);
  for (const candidate of order) {
    if (!candidate.available) {
      failures.push(`${candidate.name} (${candidate.detail})`);
      continue;
    }
    if (candidate.name === 'webgpu') {
      const missing = await loadWebGpuBackend();
      if (missing) {
        failures.push(`webgpu (${missing})`);
        continue;
      }
    }
    const threadsRequested = candidate.name === 'wasm' ? requestWasmThreads(threadsPlan) : undefined;
    let initError = '';
    const ready = await tf.setBackend(candidate.name).catch((error: Error) => {
      initError = `: ${error.message.split('\n')[0]}`;
      return false;
    });
    if (!ready) {
      failures.push(`${candidate.name} (failed to initialise${initError})`);
      continue;
    }
    await tf.ready();
    const kernels = registerTrainingKernels(candidate.name);
    nativeKernelsMissing = false;
    const threads = candidate.name === 'wasm' ? wasmThreadsInUse(threadsPlan, threadsRequested) : undefined;
    wasmThreads = threads;
    const simd = candidate.name === 'wasm' ? await describeSimdKernels(simdMode) : undefined;
    const native =
      candidate.name === 'wasm' && threads
        ? useNativeKernels(nativeMode, nativeThreads(threadsPlan, threads), options.loadNative)
        : undefined;
    webGpuInUse = candidate.name === 'webgpu' ? webgpu?.adapter : undefined;
    const why =
      request === 'auto'
        ? failures.length
          ? `best available; not available: ${failures.join(', ')}`
          : 'best available'
        : 'requested';
    log(
      `[contrastive] TensorFlow.js backend: ${candidate.name} via ${candidate.detail} (${why})` +
        (threads ? `; wasm threads: ${threads.threads} (${threads.build}) [${threads.planned}]` : '') +
        (simd ? `; ${simd}` : '') +
        (native ? `; ${native}` : '') +
        (kernels.length ? `; registered training kernels: ${kernels.join(', ')}` : ''),
    );
    return candidate.name;
  }
  throw new Error(
    `useBackend: backend '${request}' is not available here: ${failures.join(', ')}` +
      (request === 'tensorflow'
        ? '. Install @tensorflow/tfjs-node or @tensorflow/tfjs-node-gpu (needs libtensorflow).'
        : request === 'webgpu' && webgpu?.install
          ? `. Install ${webgpu.install}.`
          : ''),
  );
}

/**
 * Registers the SIMD kernels on the active wasm backend (unless `off`) and says what happened:
 * which kernels and on how many threads, or why they are not used.
 */
async function describeSimdKernels(mode: SimdKernelsMode): Promise<string> {
  simdOnWasm = undefined;
  const simd = await useSimdKernels(tf.backend(), mode);
  if (mode === 'off') return 'simd kernels: off';
  if (!simd.used) return `simd kernels: not used (${simd.reason})`;
  simdOnWasm = { threads: simd.threads };
  const threads = `${simd.threads} thread${simd.threads > 1 ? 's' : ''}${simd.threadsNote ? `: ${simd.threadsNote}` : ''}`;
  return `simd kernels: WebAssembly SIMD (${threads}) for ${simd.kernels.join(', ')}`;
}

/** The SIMD kernels `useBackend` registered on wasm in this process, if any. */
let simdOnWasm: { threads: number } | undefined;

/**
 * Registers the native wasm kernels over ours (each falls back to the one it replaces for
 * inputs it does not take) and says what happened, or throws when they are `required`.
 */
function useNativeKernels(
  mode: NativeKernelsMode,
  threads: number,
  load: NativeKernelsLoader = loadNativeKernels,
): string {
  if (mode === 'off') return 'native kernels: off';
  const native = load({ threads });
  if (!native.available) {
    if (mode === 'required')
      throw new Error(`useBackend: native kernels required but unavailable: ${native.reason}`);
    nativeKernelsMissing = true;
    return `native kernels: not used (${native.reason})`;
  }
  registerTrainingKernels('wasm', native.kernels);
  const products = native.kernels.some((k) => k.kernelName === 'BatchMatMul') ? leaveProductsToNativeMatMul() : [];
  nativeOnWasm = native.info;
  const { library, version, isa } = native.info;
  const ompThreads = `${threadsLabel(native.info.threads)}${native.info.threadsReason ? `: ${native.info.threadsReason}` : ''}`;
  return (
    `native kernels: ${library} ${version} (${ompThreads}, ${isa}) for ${native.kernels.map((k) => k.kernelName).join(', ')}` +
    (products.length ? ` (and its matMul for ${products.join(', ')})` : '')
  );
}

/** The native library whose kernels `useBackend` registered on wasm in this process, if any. */
let nativeOnWasm: { library: string; version: string; threads: number; threadsReason?: string } | undefined;

/** The wasm threads `useBackend` set up in this process, if it chose wasm. */
let wasmThreads: WasmThreadsInUse | undefined;

/**
 * The native kernels' (OpenMP) thread count: the plan's, where it has one (Node always does),
 * else what wasm got.
 */
function nativeThreads(plan: ThreadsPlan, inUse: WasmThreadsInUse): number {
  return plan.threads ?? inUse.threads;
}

/** True when the last `useBackend` chose wasm and the native kernels (mode `auto`) could not be used. */
let nativeKernelsMissing = false;

/**
 * One line telling a Linux user how to get the optional native kernels and what they buy, when the
 * active backend is wasm without them (and they were not turned off); otherwise undefined. They are
 * built for Linux only, so elsewhere there is nothing to suggest.
 */
export function nativeKernelsHint(): string | undefined {
  const scope = globalThis as { process?: { platform?: string } };
  if (!nativeKernelsMissing || tf.getBackend() !== 'wasm' || scope.process?.platform !== 'linux')
    return undefined;
  return 'tip: for ~1.3-1.5x faster training steps, install oneDNN (sudo apt install libdnnl-dev), then run npm ci again';
}

/** The WebGPU adapter `useBackend` selected in this process, if it selected webgpu. */
let webGpuInUse: WebGpuAdapterDescription | undefined;

/**
 * The active backend in a few words for result tables and reports, e.g. `wasm`,
 * `wasm + simd kernels, 2 threads (auto: 2 cores free)`,
 * `wasm + native kernels (oneDNN 2.6.3), 1 thread (auto: 1 of 2 cores free, load average 1.2)`
 * or `webgpu (nvidia ampere, hardware adapter)`.
 */
export function describeBackend(): string {
  const name = tf.getBackend();
  if (name === 'webgpu' && webGpuInUse) return `${name} (${adapterLabel({ ...webGpuInUse, description: '' })})`;
  if (name !== 'wasm') return name;
  const threads = wasmThreads ? `, ${threadsLabel(wasmThreads.threads)} (${wasmThreads.why})` : '';
  if (nativeOnWasm) {
    const { library, version } = nativeOnWasm;
    // The native kernels' own count differs only where OMP_NUM_THREADS set it.
    const own =
      wasmThreads && nativeOnWasm.threads !== wasmThreads.threads
        ? `, ${threadsLabel(nativeOnWasm.threads)}${nativeOnWasm.threadsReason ? `: ${nativeOnWasm.threadsReason}` : ''}`
        : '';
    return `${name} + native kernels (${library} ${version}${own})${threads}`;
  }
  if (simdOnWasm) {
    // The SIMD kernels follow wasm's threads unless their workers failed to start.
    const own = wasmThreads && simdOnWasm.threads !== wasmThreads.threads ? ` (${threadsLabel(simdOnWasm.threads)})` : '';
    return `${name} + simd kernels${own}${threads}`;
  }
  return `${name}${threads}`;
}
