/** What the free-core rule looks at: the machine's cores and how busy they were lately. */
export interface CoreLoad {
  /** Logical cores this process may run on (Node's `os.availableParallelism()`). */
  cores: number;
  /** The 1-minute load average: on average, how many processes wanted a core. */
  loadAverage: number;
  /**
   * Other processes' threads running or waiting for a core right now (Linux: /proc/loadavg's
   * runnable count less this thread), where the platform says. It wins over the load average,
   * which lags by a minute: a job that just ended still weighs on it, so a run started right after
   * another would otherwise take one thread.
   */
  runningNow?: number;
}

/** How many cores the free-core rule found free. */
export interface FreeCores {
  /** Cores not held by other processes: at least 1, at most `cores`. */
  free: number;
  /** The cores counted. */
  cores: number;
  /** The cores other processes hold, estimated from the load average. */
  busy: number;
}

/**
 * The cores actually free: all cores minus those other processes hold (counted now where the
 * platform says, else from the load average)
 * (rounded: a process on half a core counts as one), clamped to [1, cores]. Threads beyond this
 * wait on a preempted teammate at every barrier, which costs more than the thread brings.
 * Called at start, before this process itself has added much to the load.
 */
export function freeCores({ cores, loadAverage, runningNow }: CoreLoad): FreeCores {
  if (!Number.isInteger(cores) || cores < 1) {
    throw new Error(`freeCores: cores must be a positive integer, got ${String(cores)}`);
  }
  if (!Number.isFinite(loadAverage) || loadAverage < 0) {
    throw new Error(`freeCores: the load average must be a finite number >= 0, got ${String(loadAverage)}`);
  }
  const held = runningNow !== undefined && Number.isFinite(runningNow) && runningNow >= 0 ? runningNow : loadAverage;
  const busy = Math.min(cores, Math.round(held));
  return { free: Math.max(1, cores - busy), cores, busy };
}
