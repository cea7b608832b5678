import type { NativeBinding, NativeLibraryInfo } from './binding';

type Environment = Record<string, string | undefined>;

/** libgomp's spin count before an idle OpenMP thread sleeps, when the user chose no wait policy. */
export const SHORT_SPIN_COUNT = '20000';

/**
 * Sets GOMP_SPINCOUNT to {@link SHORT_SPIN_COUNT} unless the user set it or OMP_WAIT_POLICY.
 * libgomp's default lets an idle thread spin about 300,000 times (milliseconds) after every
 * parallel region: between two oneDNN calls it then holds the core that tfjs-wasm's own threads
 * need for the element-wise ops in between. Idle 2-core machine, 2 threads: the training step
 * 126 -> 109 ms and the main job 135 -> 116 s with the short spin; sleeping at once
 * (OMP_WAIT_POLICY=PASSIVE) made the step 202 ms. The runtime reads the variable once, when it
 * loads with the addon, so this runs before the addon is required; Node's `process.env` writes
 * through to the C environment the runtime reads.
 */
export function shortSpinUnlessSet(env: Environment = process.env): void {
  const chosen = (name: string) => env[name] !== undefined && env[name] !== '';
  if (!chosen('GOMP_SPINCOUNT') && !chosen('OMP_WAIT_POLICY')) env.GOMP_SPINCOUNT = SHORT_SPIN_COUNT;
}

/**
 * Runs the kernels on `threads` OpenMP threads (from @contrastive/backend's thread plan: the free
 * cores by default), unless OMP_NUM_THREADS is set, which the user chose and this leaves alone.
 * Returns the library's info as it now runs.
 */
export function applyThreads(
  binding: Pick<NativeBinding, 'info' | 'setThreads'>,
  threads: number | undefined,
  env: Environment = process.env,
): NativeLibraryInfo {
  const fixed = env.OMP_NUM_THREADS;
  if (fixed !== undefined && fixed !== '') {
    const info = binding.info();
    return threads === undefined || threads === info.threads
      ? info
      : { ...info, threadsReason: `OMP_NUM_THREADS=${fixed}` };
  }
  if (threads !== undefined) binding.setThreads(threads);
  return binding.info();
}
