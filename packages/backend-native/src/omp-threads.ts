import type { NativeBinding, NativeLibraryInfo } from './binding';

type Environment = Record<string, string | undefined>;

/**
 * Sets OMP_WAIT_POLICY=PASSIVE unless the user set a policy. OpenMP's default lets a thread that
 * reaches a barrier first spin for its teammates; when another process holds a core, the teammate
 * waits for a time slice while the spinner burns the core it needs, and a step took 2-5x longer
 * (docs/performance.md). Passive threads sleep at once. The runtime reads the variable once, when
 * it loads with the addon, so this runs before the addon is required; Node's `process.env`
 * writes through to the C environment the runtime reads.
 */
export function passiveWaitUnlessSet(env: Environment = process.env): void {
  if (env.OMP_WAIT_POLICY === undefined || env.OMP_WAIT_POLICY === '') env.OMP_WAIT_POLICY = 'PASSIVE';
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
