import { freeCores, type CoreLoad } from './free-cores';
import { nodeCoreLoad } from './node-core-load';

/** Threads for the wasm backend (and the native kernels): a count, or `auto`: the free cores. */
export type ThreadsRequest = number | 'auto';

/** The environment variable that sets the default thread count (`auto` or a positive integer). */
export const THREADS_ENV = 'CONTRASTIVE_THREADS';

/** How many threads to run on, and why. */
export interface ThreadsPlan {
  /**
   * The count to ask for; undefined where tfjs' own rule decides (`auto` in a browser: threads
   * when the page is cross-origin isolated).
   */
  threads: number | undefined;
  /** Why, in a few words: `auto: 2 cores free`, `requested`, `CONTRASTIVE_THREADS=3`. */
  reason: string;
}

/** Where the plan looks (injectable, so tests need no particular machine). */
export interface ThreadsContext {
  /** Environment variables (default: `process.env` where there is one). */
  env?: Record<string, string | undefined>;
  /** The cores and load; undefined in a browser (default: read from Node's `os`). */
  coreLoad?: CoreLoad;
}

/** Parses a request from the option or (as text) the environment; `from` names the source in errors. */
function parseRequest(value: unknown, from: string): ThreadsRequest {
  if (value === 'auto') return 'auto';
  const count =
    from === THREADS_ENV && typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof count === 'number' && Number.isInteger(count) && count >= 1) return count;
  throw new Error(`useBackend: ${from} must be 'auto' or a positive integer, got ${JSON.stringify(value)}`);
}

/**
 * The thread count: the `threads` option, else CONTRASTIVE_THREADS, else `auto`. `auto` means
 * the cores free at start (see {@link freeCores}) where the load can be read (Node), and tfjs'
 * own rule elsewhere (browsers).
 */
export function planThreads(option: ThreadsRequest | undefined, context: ThreadsContext = {}): ThreadsPlan {
  const env =
    context.env ??
    (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ??
    {};
  const fromEnv = env[THREADS_ENV];
  const request =
    option !== undefined
      ? parseRequest(option, 'options.threads')
      : fromEnv !== undefined && fromEnv !== ''
        ? parseRequest(fromEnv, THREADS_ENV)
        : 'auto';
  if (request !== 'auto') {
    return { threads: request, reason: option !== undefined ? 'requested' : `${THREADS_ENV}=${request}` };
  }
  const coreLoad = 'coreLoad' in context ? context.coreLoad : nodeCoreLoad();
  if (!coreLoad)
    return { threads: undefined, reason: "auto: tfjs' rule (threads in a cross-origin isolated page)" };
  const { free, cores, busy } = freeCores(coreLoad);
  return {
    threads: free,
    reason:
      busy === 0
        ? `auto: ${free} core${free > 1 ? 's' : ''} free`
        : `auto: ${free} of ${cores} cores free, ${
            coreLoad.runningNow !== undefined
              ? `${coreLoad.runningNow} other thread${coreLoad.runningNow === 1 ? '' : 's'} running now`
              : `load average ${coreLoad.loadAverage.toFixed(1)}`
          }`,
  };
}
