import { isNode } from '../select/native-bindings';
import { nodeRequire } from '../select/node-require';
import type { CoreLoad } from './free-cores';

/**
 * This machine's cores, 1-minute load average and (Linux) the threads running now, read from
 * Node's `os` and /proc (through a computed
 * require, so bundles for the browser carry no Node built-in); undefined in a browser. Where
 * the platform has no load average (Windows reports 0), every core counts as free.
 */
export function nodeCoreLoad(): CoreLoad | undefined {
  if (!isNode()) return undefined;
  const load = nodeRequire();
  if (!load) return undefined;
  const os = load('os') as typeof import('os');
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const runningNow = runnableNow(load('fs') as typeof import('fs'));
  return {
    cores: Math.max(1, cores),
    loadAverage: os.loadavg()[0] ?? 0,
    ...(runningNow !== undefined ? { runningNow } : {}),
  };
}

/**
 * Threads running or runnable now, other than the one reading (the fourth field of Linux's
 * /proc/loadavg, `running/total`); undefined where there is no such file.
 */
function runnableNow(fs: typeof import('fs')): number | undefined {
  try {
    const match = /^\S+ \S+ \S+ (\d+)\//.exec(fs.readFileSync('/proc/loadavg', 'utf8'));
    return match ? Math.max(0, Number(match[1]) - 1) : undefined;
  } catch {
    return undefined;
  }
}
