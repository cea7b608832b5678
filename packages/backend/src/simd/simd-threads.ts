import { isNode } from '../select/native-bindings';
import { nodeRequire } from '../select/node-require';

/** The exports threads run, by index in a job slot. */
export const THREAD_FUNCTIONS = [
  'conv2d_run',
  'conv2d_backprop_filter_run',
  'max_pool_grad',
  'leading_axes_sum',
  'supcon_rows',
  'transpose_last_two',
  'symmetric_gram',
  'symmetrized_matmul',
] as const;
export type ThreadFunction = (typeof THREAD_FUNCTIONS)[number];

// A job slot per worker in a SharedArrayBuffer: [state, function index, up to 14 int arguments].
const SLOT_INTS = 16;
const IDLE = 0;
const POSTED = 1;
const FAILED = 3;

/**
 * What each worker runs (Node worker_threads with `eval`, or a Web Worker from a blob URL): it
 * instantiates the kernels on the shared memory with a stack of its own, says `ready`, then sleeps
 * on its slot (Atomics.wait) until a job is posted, runs it, marks the slot idle and wakes the
 * caller. Plain JavaScript in a string so that it needs no file of its own, in Node or a bundle.
 */
const WORKER_SOURCE = `
const start = (data, reply) => {
  const { module, memory, stackTop, control, index, functions } = data;
  const i32 = (value, mutable) => new WebAssembly.Global({ value: 'i32', mutable }, value);
  WebAssembly.instantiate(module, {
    env: {
      memory,
      __stack_pointer: i32(stackTop, true),
      __memory_base: i32(0, false),
      __table_base: i32(0, false),
      __indirect_function_table: new WebAssembly.Table({ initial: 0, element: 'anyfunc' }),
    },
  }).then((instance) => {
    const slot = new Int32Array(control, index * ${SLOT_INTS * 4}, ${SLOT_INTS});
    const run = functions.map((name) => instance.exports[name]);
    reply('ready');
    for (;;) {
      for (let state; (state = Atomics.load(slot, 0)) !== ${POSTED}; ) Atomics.wait(slot, 0, state);
      try {
        run[slot[1]](...slot.subarray(2));
        Atomics.store(slot, 0, ${IDLE});
      } catch (error) {
        Atomics.store(slot, 0, ${FAILED});
      }
      Atomics.notify(slot, 0);
    }
  }, (error) => reply('failed: ' + error.message));
};
if (typeof require === 'function') {
  const { parentPort } = require('worker_threads');
  parentPort.once('message', (data) => start(data, (message) => parentPort.postMessage(message)));
} else {
  self.onmessage = (event) => start(event.data, (message) => self.postMessage(message));
}
`;

interface WorkerHandle {
  post(data: unknown): void;
  /** Lets the process exit while the worker sleeps (Node). */
  release(): void;
}

/** Starts one worker and resolves when its instance is ready. */
function spawnWorker(data: Record<string, unknown>): Promise<WorkerHandle> {
  return new Promise((resolve, reject) => {
    const settle = (message: unknown, handle: WorkerHandle) =>
      message === 'ready'
        ? resolve(handle)
        : reject(new Error(`a kernel thread did not start: ${String(message)}`));
    if (isNode()) {
      const load = nodeRequire();
      if (!load) throw new Error('require is not available');
      const { Worker } = load('worker_threads') as typeof import('worker_threads');
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      const handle = { post: (d: unknown) => worker.postMessage(d), release: () => worker.unref() };
      worker.once('message', (message) => settle(message, handle));
      worker.once('error', reject);
      handle.post(data);
      return;
    }
    const scope = globalThis as { Worker?: new (url: string) => Worker; URL: typeof URL; Blob: typeof Blob };
    if (!scope.Worker) throw new Error('no Web Workers here');
    const worker = new scope.Worker(
      scope.URL.createObjectURL(new scope.Blob([WORKER_SOURCE], { type: 'text/javascript' })),
    );
    const handle = { post: (d: unknown) => worker.postMessage(d), release: () => undefined };
    worker.onmessage = (event) => settle(event.data, handle);
    worker.onerror = (event) => reject(new Error(event.message));
    handle.post(data);
  });
}

/**
 * Workers running the SIMD kernels on tfjs' shared memory, beside the calling thread: a job is
 * split into ranges, the workers take all but the first, the caller runs the first, then waits.
 */
export class SimdThreadPool {
  private constructor(
    private readonly control: Int32Array,
    readonly workers: number,
  ) {}

  /** Starts one worker per stack top (each a block of tfjs' heap) on the compiled kernels. */
  static async start(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    stackTops: number[],
  ): Promise<SimdThreadPool> {
    const control = new Int32Array(new SharedArrayBuffer(4 * SLOT_INTS * stackTops.length));
    const handles = await Promise.all(
      stackTops.map((stackTop, index) =>
        spawnWorker({
          module,
          memory,
          stackTop,
          control: control.buffer,
          index,
          functions: [...THREAD_FUNCTIONS],
        }),
      ),
    );
    for (const handle of handles) handle.release();
    return new SimdThreadPool(control, stackTops.length);
  }

  /** Posts a job to worker `worker` (it starts at once). */
  post(worker: number, fn: ThreadFunction, args: readonly number[]): void {
    const base = worker * SLOT_INTS;
    this.control[base + 1] = THREAD_FUNCTIONS.indexOf(fn);
    this.control.fill(0, base + 2, base + SLOT_INTS);
    this.control.set(args, base + 2);
    Atomics.store(this.control, base, POSTED);
    Atomics.notify(this.control, base);
  }

  /**
   * Waits until worker `worker` is done; throws if its job trapped. Node's main thread may block
   * (Atomics.wait); a browser's may not, so there it spins: jobs last milliseconds.
   */
  wait(worker: number): void {
    const base = worker * SLOT_INTS;
    const block = isNode();
    let state = Atomics.load(this.control, base);
    while (state === POSTED) {
      if (block) Atomics.wait(this.control, base, POSTED);
      state = Atomics.load(this.control, base);
    }
    if (state === FAILED) {
      Atomics.store(this.control, base, IDLE);
      throw new Error(`simd kernels: a job failed on kernel thread ${worker + 1}`);
    }
  }
}
