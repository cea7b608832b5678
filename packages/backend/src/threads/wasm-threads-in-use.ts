import * as wasmBackend from '@tensorflow/tfjs-backend-wasm';
import type { ThreadsPlan } from './thread-count';
import { enableWasmThreads, type WasmThreadsStatus } from './wasm-threads';

/** The wasm backend's threads as it runs, and why that many. */
export interface WasmThreadsInUse {
  /** Threads tfjs' wasm module runs on (its pool, which our SIMD kernels follow). */
  threads: number;
  /** The build and how its threads run: `threaded SIMD build, 2 worker_threads`. */
  build: string;
  /** Why the count asked for: `auto: 2 cores free`. */
  planned: string;
  /** Why this count, for short descriptions: the plan, and what the build changed (`auto: 2 cores free, but no SharedArrayBuffer`). */
  why: string;
}

/**
 * Before wasm initialises: asks for the planned thread count (tfjs' threaded build where there
 * are several), or leaves tfjs' own rule when the plan has no count (`auto` in a browser).
 */
export function requestWasmThreads(plan: ThreadsPlan): WasmThreadsStatus | undefined {
  return plan.threads === undefined ? undefined : enableWasmThreads(plan.threads);
}

/** After wasm initialised: how many threads it got, what loaded them, and why that many. */
export function wasmThreadsInUse(
  plan: ThreadsPlan,
  requested: WasmThreadsStatus | undefined,
): WasmThreadsInUse {
  const threads = wasmBackend.getThreadsCount();
  const build =
    requested === undefined
      ? threads > 1
        ? "tfjs' threaded SIMD build"
        : "tfjs' single-threaded SIMD build"
      : threads < requested.threads
        ? `${requested.reason}, capped by tfjs at half the ${logicalCores()} logical cores`
        : requested.reason;
  // When another count came than was planned, the build's reason says why (no SharedArrayBuffer,
  // wasm initialised earlier with another count).
  const why =
    plan.threads !== undefined && threads !== plan.threads ? `${plan.reason}, but ${build}` : plan.reason;
  return { threads, build, planned: plan.reason, why };
}

/** The logical cores a browser reports (tfjs' threaded build caps its pool at half of them). */
function logicalCores(): string {
  const scope = globalThis as { navigator?: { hardwareConcurrency?: number } };
  return String(scope.navigator?.hardwareConcurrency ?? 'reported');
}

/** `1 thread`, `2 threads`. */
export function threadsLabel(threads: number): string {
  return `${threads} thread${threads === 1 ? '' : 's'}`;
}
