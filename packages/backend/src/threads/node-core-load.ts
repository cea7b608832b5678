import { isNode } from '../select/native-bindings';
import { nodeRequire } from '../select/node-require';
import type { CoreLoad } from './free-cores';

/**
 * This machine's cores and 1-minute load average, read from Node's `os` (through a computed
 * require, so bundles for the browser carry no Node built-in); undefined in a browser. Where
 * the platform has no load average (Windows reports 0), every core counts as free.
 */
export function nodeCoreLoad(): CoreLoad | undefined {
  if (!isNode()) return undefined;
  const load = nodeRequire();
  if (!load) return undefined;
  const os = load('os') as typeof import('os');
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return { cores: Math.max(1, cores), loadAverage: os.loadavg()[0] ?? 0 };
}
