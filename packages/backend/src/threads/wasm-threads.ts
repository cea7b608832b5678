import * as tf from '@tensorflow/tfjs-core';
import * as wasmBackend from '@tensorflow/tfjs-backend-wasm';
import { isNode } from '../select/native-bindings';
import { nodeRequire as findNodeRequire } from '../select/node-require';

/** What {@link enableWasmThreads} did. */
export interface WasmThreadsStatus {
  /** Threads the wasm backend will use (1 = tfjs' default single-threaded SIMD build). */
  threads: number;
  /** Why: what was loaded, or why threads were not enabled. */
  reason: string;
}

type EmscriptenWorker = { unref(): void };
interface ThreadedModule {
  cwrap(name: string, returnType: string | null, argTypes: string[]): (...args: number[]) => number;
  PThread: { runningWorkers: EmscriptenWorker[]; unusedWorkers: EmscriptenWorker[] };
  tfjs?: Record<string, unknown>;
}
type ThreadedFactory = (config: Record<string, unknown>) => Promise<ThreadedModule>;

const FACTORY = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
const BINARY = 'tfjs-backend-wasm-threaded-simd.wasm';

/**
 * Node only: makes tfjs' `wasm` backend load its multithreaded SIMD build with `threads`
 * pthreads (Node worker_threads). tfjs itself never does this in Node: its
 * `WASM_HAS_MULTITHREAD_SUPPORT` flag is false there, it hands the pthread workers a `blob:`
 * URL (which worker_threads cannot load), and its C++ caps the pool at half the logical cores
 * (1 on a 2-core machine). Here the `wasm` backend factory is re-registered to
 * - start the workers from `wasm-threads/pthread-worker.cjs` shipped in this package,
 * - give them the build's own script file instead of a blob,
 * - report `2 × threads` logical cores to the module, so the cap lets `threads` through,
 * - and unref the workers, so they never keep the process alive.
 *
 * Must run before the wasm backend is first initialised (tensors on an existing wasm backend
 * would be lost), so it declines if it already is. In a browser tfjs loads the threaded build
 * itself when the page is cross-origin isolated (served with COOP/COEP headers, so it has
 * SharedArrayBuffer); there this asks it for `threads` threads (its C++ still caps the pool at
 * half of navigator.hardwareConcurrency), or says why the page cannot have them.
 */
export function enableWasmThreads(threads: number): WasmThreadsStatus {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`enableWasmThreads: threads must be a positive integer, got ${String(threads)}`);
  }
  if (tf.engine().registry['wasm']) {
    return {
      threads: wasmBackend.getThreadsCount(),
      reason: 'wasm backend already initialised; threads unchanged',
    };
  }
  if (!isNode()) return browserThreads(threads);
  if (threads === 1) return { threads: 1, reason: 'single-threaded SIMD build' };
  const nodeRequire = findNodeRequire();
  if (!nodeRequire) return { threads: 1, reason: 'require is not available' };
  const path = nodeRequire('path') as typeof import('path');
  const fs = nodeRequire('fs') as typeof import('fs');
  // Found from the package root, which both builds (dist/threads/*.js, dist/index.mjs) share.
  const packageRoot = path.dirname(nodeRequire.resolve('@contrastive/backend/package.json'));
  const worker = path.join(packageRoot, 'wasm-threads', 'pthread-worker.cjs');
  let factoryPath: string;
  try {
    factoryPath = nodeRequire.resolve(FACTORY);
  } catch {
    return { threads: 1, reason: `${FACTORY} not found` };
  }
  const binary = path.join(path.dirname(factoryPath), BINARY);
  if (!fs.existsSync(worker) || !fs.existsSync(binary)) {
    return { threads: 1, reason: `missing ${fs.existsSync(worker) ? binary : worker}` };
  }
  if (typeof SharedArrayBuffer === 'undefined') return { threads: 1, reason: 'no SharedArrayBuffer' };

  const load = async (): Promise<ThreadedModule> => {
    const factory = nodeRequire(factoryPath) as ThreadedFactory;
    const module = await factory({
      locateFile: (file: string) =>
        file.endsWith('.worker.js') ? worker : path.join(path.dirname(factoryPath), file),
      mainScriptUrlOrBlob: factoryPath,
      // Emscripten's documented hook: instantiate the module ourselves, to report enough cores.
      instantiateWasm(
        info: { env: Record<string, unknown> } & Record<string, unknown>,
        receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
      ) {
        const env = { ...info.env, emscripten_num_logical_cores: () => 2 * threads };
        WebAssembly.instantiate(fs.readFileSync(binary), {
          ...info,
          env,
          wasi_snapshot_preview1: env,
        } as WebAssembly.Imports).then(({ instance, module: compiled }) => receive(instance, compiled));
        return {};
      },
    });
    module.tfjs = {
      init: module.cwrap('init', null, []),
      initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
      getThreadsCount: module.cwrap('get_threads_count', 'number', []),
      registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
      disposeData: module.cwrap('dispose_data', null, ['number']),
      dispose: module.cwrap('dispose', null, []),
    };
    return module;
  };

  tf.removeBackend('wasm');
  wasmBackend.setThreadsCount(threads);
  tf.registerBackend(
    'wasm',
    async () => {
      const module = await load();
      const instance = new wasmBackend.BackendWasm(
        module as unknown as ConstructorParameters<typeof wasmBackend.BackendWasm>[0],
      );
      // The pool's threads are running pthreads now (ref'd by Emscripten): let the process exit.
      for (const w of [...module.PThread.runningWorkers, ...module.PThread.unusedWorkers]) w.unref();
      return instance;
    },
    2,
  );
  return { threads, reason: `threaded SIMD build, ${threads} worker_threads` };
}

/** In a browser: threads need a cross-origin isolated page; tfjs then loads its threaded build. */
function browserThreads(threads: number): WasmThreadsStatus {
  const scope = globalThis as { crossOriginIsolated?: boolean };
  if (threads === 1) {
    // A cross-origin isolated page still gets tfjs' threaded build, with a pool of one.
    wasmBackend.setThreadsCount(1);
    return {
      threads: 1,
      reason: scope.crossOriginIsolated ? "tfjs' threaded build on 1 thread" : 'single-threaded SIMD build',
    };
  }
  if (scope.crossOriginIsolated !== true || typeof SharedArrayBuffer === 'undefined') {
    return {
      threads: 1,
      reason:
        'the page is not cross-origin isolated, so it has no SharedArrayBuffer: serve it with ' +
        'Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp',
    };
  }
  wasmBackend.setThreadsCount(threads);
  return { threads, reason: 'threaded SIMD build in a cross-origin isolated page (web workers)' };
}
