import type { NativeBinding, NativeLibraryInfo } from './binding';

type Environment = Record<string, string | undefined>;

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
