import { isNode } from '../select/native-bindings';
import { nodeRequire } from '../select/node-require';
import type { CoreLoad } from './free-cores';

/**
 * This machine's cores, 1-minute load average and (Linux) the other threads running now, read
 * from Node's `os` and /proc (through a computed require, so bundles for the browser carry no
 * Node built-in); undefined in a browser. Where the platform has no load average (Windows
 * reports 0), every core counts as free.
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
 * Other processes' threads running or runnable now: the fourth field of Linux's /proc/loadavg
 * (`running/total`, every thread on the machine) less this process's own running threads (the
 * reading thread, and V8's compiler and GC helpers, busy while a program starts); undefined where
 * there is no such file.
 */
function runnableNow(fs: typeof import('fs')): number | undefined {
  try {
    const match = /^\S+ \S+ \S+ (\d+)\//.exec(fs.readFileSync('/proc/loadavg', 'utf8'));
    return match ? Math.max(0, Number(match[1]) - ownRunningThreads(fs)) : undefined;
  } catch {
    return undefined;
  }
}

/** This process's threads in state R (at least 1: the one reading). */
function ownRunningThreads(fs: typeof import('fs')): number {
  let running = 0;
  for (const task of fs.readdirSync('/proc/self/task')) {
    try {
      // The state follows the command name in parentheses, which may itself hold spaces.
      const stat = fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      if (stat[stat.lastIndexOf(')') + 2] === 'R') running++;
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return Math.max(1, running);
}
