import * as wasmBackend from '@tensorflow/tfjs-backend-wasm';
import type { ThreadsPlan } from './thread-count';
import { enableWasmThreads, type WasmThreadsStatus } from './wasm-threads';

/** The wasm backend's threads as it runs, and why that many. */
export interface WasmThreadsInUse {
  /** Threads tfjs' wasm module runs on (its pool, which our SIMD kernels follow). */
  threads: number;
  /** The build and how its threads run, then why this count: `threaded SIMD build, 2 worker_threads; auto: 2 cores free`. */
  reason: string;
  /** Why this count only, for short descriptions: `auto: 2 cores free`. */
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
    requested?.reason ?? (threads > 1 ? "tfjs' threaded SIMD build" : "tfjs' single-threaded SIMD build");
  // When another count came than was planned, the build's reason says why (no SharedArrayBuffer,
  // wasm initialised earlier with another count).
  const why =
    plan.threads !== undefined && threads !== plan.threads ? `${plan.reason}, but ${build}` : plan.reason;
  return { threads, reason: `${build}; ${plan.reason}`, why };
}

/** `1 thread`, `2 threads`. */
export function threadsLabel(threads: number): string {
  return `${threads} thread${threads === 1 ? '' : 's'}`;
}
