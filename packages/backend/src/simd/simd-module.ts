import type * as tf from '@tensorflow/tfjs-core';
import * as wasmBackend from '@tensorflow/tfjs-backend-wasm';
import { KERNELS_WASM_BASE64, KERNELS_WASM_SHARED_MEMORY_BASE64 } from './kernels-wasm';
import { SimdThreadPool, type ThreadFunction } from './simd-threads';

/** The part of tfjs' Emscripten module (BackendWasm.wasm) the SIMD kernels use. */
interface EmscriptenModule {
  asm?: { memory?: WebAssembly.Memory };
  wasmMemory?: WebAssembly.Memory;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

/** The part of tfjs' BackendWasm the SIMD kernels use. */
interface WasmBackendLike {
  wasm: EmscriptenModule;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** What simd/*.c exports; pointers are byte offsets into tfjs' heap. */
export interface SimdExports {
  conv2d_packed_bytes(geometry: number, inputGradient: number): number;
  conv2d_scratch_bytes(geometry: number, inputGradient: number): number;
  conv2d_pack(geometry: number, w: number, inputGradient: number, packed: number): void;
  conv2d_run(
    geometry: number,
    src: number,
    packed: number,
    bias: number,
    relu: number,
    dst: number,
    scratch: number,
    inputGradient: number,
    batchBegin: number,
    batchEnd: number,
  ): void;
  conv2d_backprop_filter_scratch_bytes(geometry: number): number;
  conv2d_backprop_filter_run(
    geometry: number,
    x: number,
    dy: number,
    scratch: number,
    batchBegin: number,
    batchEnd: number,
  ): void;
  conv2d_backprop_filter_finish(
    geometry: number,
    scratch: number,
    stride: number,
    threads: number,
    dw: number,
  ): void;
  max_pool_grad(
    geometry: number,
    dy: number,
    x: number,
    dx: number,
    batchBegin: number,
    batchEnd: number,
  ): void;
  leading_axes_sum(x: number, rowBegin: number, rowEnd: number, cols: number, out: number): void;
  add_partial_sums(partials: number, count: number, stride: number, cols: number, out: number): void;
  supcon_count_positives(params: number): number;
  supcon_rows(params: number, rowBegin: number, rowEnd: number): void;
  supcon_loss(params: number, loss: number): void;
  transpose_last_two(
    x: number,
    batch: number,
    rows: number,
    cols: number,
    out: number,
    rowBegin: number,
    rowEnd: number,
  ): void;
  symmetric_gram_scratch_bytes(n: number, d: number): number;
  symmetric_gram_pack(x: number, n: number, d: number, scratch: number): void;
  symmetric_gram(
    scratch: number,
    n: number,
    d: number,
    alpha: number,
    out: number,
    unitBegin: number,
    unitEnd: number,
  ): void;
  symmetrized_matmul_scratch_bytes(n: number, d: number): number;
  symmetrized_matmul_pack(c: number, n: number, d: number, packed: number): void;
  symmetrized_matmul(
    g: number,
    packedC: number,
    n: number,
    d: number,
    alpha: number,
    out: number,
    panel: number,
    panelBegin: number,
    panelEnd: number,
  ): void;
}

// Each thread's C stack (small: a few locals per call) and the geometry block, allocated once
// per tfjs module with its malloc.
const STACK_BYTES = 64 * 1024;
const GEOMETRY_INTS = 32;

/** Rounds a byte count up to 16, so blocks carved from one allocation stay aligned. */
export const align16 = (bytes: number): number => (bytes + 15) & ~15;

function globals(stackTop: number): Record<string, WebAssembly.Global | WebAssembly.Table> {
  return {
    __stack_pointer: new WebAssembly.Global({ value: 'i32', mutable: true }, stackTop),
    // Position-independent code with no static data and no function pointers: both bases are 0.
    __memory_base: new WebAssembly.Global({ value: 'i32', mutable: false }, 0),
    __table_base: new WebAssembly.Global({ value: 'i32', mutable: false }, 0),
    __indirect_function_table: new WebAssembly.Table({ initial: 0, element: 'anyfunc' }),
  };
}

/** The SIMD kernels instantiated on one tfjs wasm module's memory, with their threads. */
export class SimdModule {
  /** Calls per exported function since instantiation, on any thread (tests check the kernels ran). */
  readonly calls = new Map<keyof SimdExports, number>();

  private constructor(
    private readonly emscripten: EmscriptenModule,
    private readonly memory: WebAssembly.Memory,
    private readonly exports: SimdExports,
    private readonly geometryPointer: number,
    private readonly pool: SimdThreadPool | undefined,
    /** Why there is one thread, when more were asked for. */
    readonly threadsNote: string | undefined,
  ) {}

  /** Threads the kernels run on (the calling one included). */
  get threads(): number {
    return 1 + (this.pool?.workers ?? 0);
  }

  /**
   * Instantiates the kernels on `emscripten`'s memory (throws when they cannot link to it). On
   * tfjs' threaded build (shared memory) they run on as many threads as it does: the caller and
   * `threads - 1` workers of their own.
   */
  static async create(
    emscripten: EmscriptenModule,
    compile: (shared: boolean) => Promise<WebAssembly.Module>,
  ): Promise<SimdModule> {
    const memory = emscripten.asm?.memory ?? emscripten.wasmMemory;
    if (!(memory instanceof WebAssembly.Memory))
      throw new Error("tfjs-backend-wasm's memory is not reachable");
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const compiled = await compile(shared);
    const stackTop = () => (emscripten._malloc(STACK_BYTES) + STACK_BYTES) & ~15;
    const geometry = emscripten._malloc(4 * GEOMETRY_INTS);
    const instance = await WebAssembly.instantiate(compiled, { env: { memory, ...globals(stackTop()) } });
    const wanted = shared ? wasmBackend.getThreadsCount() : 1;
    let pool: SimdThreadPool | undefined;
    let note: string | undefined;
    if (wanted > 1) {
      try {
        pool = await SimdThreadPool.start(compiled, memory, Array.from({ length: wanted - 1 }, stackTop));
      } catch (error) {
        note = `kernel threads did not start: ${(error as Error).message.split('\n')[0]}`;
      }
    }
    return new SimdModule(
      emscripten,
      memory,
      instance.exports as unknown as SimdExports,
      geometry,
      pool,
      note,
    );
  }

  /** Calls one of the module's exports on this thread. */
  call<K extends keyof SimdExports>(
    name: K,
    ...args: Parameters<SimdExports[K]>
  ): ReturnType<SimdExports[K]> {
    this.count(name);
    return (this.exports[name] as (...a: number[]) => ReturnType<SimdExports[K]>)(...(args as number[]));
  }

  /**
   * Splits `items` (images, rows) into one contiguous range per thread and runs the job `job`
   * gives for each range, the first on this thread, the others on the workers, and waits for all.
   * Returns how many ranges ran (fewer than the threads when there are fewer items).
   */
  parallel(
    items: number,
    job: (begin: number, end: number, thread: number) => [ThreadFunction, ...number[]],
  ): number {
    const ranges = Math.max(1, Math.min(this.threads, items));
    const jobs = Array.from({ length: ranges }, (_, t) =>
      job(Math.floor((items * t) / ranges), Math.floor((items * (t + 1)) / ranges), t),
    );
    for (let t = 1; t < ranges; t++) {
      const [name, ...args] = jobs[t];
      this.count(name);
      this.pool!.post(t - 1, name, args);
    }
    let failure: unknown;
    try {
      const [name, ...args] = jobs[0];
      this.call(name, ...(args as unknown as Parameters<SimdExports[typeof name]>));
    } catch (error) {
      failure = error;
    }
    for (let t = 1; t < ranges; t++) {
      try {
        this.pool!.wait(t - 1);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure) throw failure;
    return ranges;
  }

  /** Writes `values` into the geometry block and returns its address. */
  geometry(values: readonly number[]): number {
    if (values.length > GEOMETRY_INTS) throw new Error(`simd kernels: geometry of ${values.length} ints`);
    new Int32Array(this.memory.buffer, this.geometryPointer, values.length).set(values);
    return this.geometryPointer;
  }

  /** Writes int32 values (or addresses) at `address` on tfjs' heap. */
  writeInts(address: number, values: readonly number[]): void {
    new Int32Array(this.memory.buffer, address, values.length).set(values);
  }

  /** Writes float32 values at `address` on tfjs' heap. */
  writeFloats(address: number, values: readonly number[]): void {
    new Float32Array(this.memory.buffer, address, values.length).set(values);
  }

  /** Runs `body` with `bytes` of scratch from tfjs' malloc (16-byte aligned), freed afterwards. */
  withScratch<T>(bytes: number, body: (scratch: number) => T): T {
    const allocation = this.emscripten._malloc(Math.max(bytes, 16) + 16);
    try {
      return body(align16(allocation));
    } finally {
      this.emscripten._free(allocation);
    }
  }

  private count(name: keyof SimdExports): void {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
  }
}

const compiled = new Map<boolean, Promise<WebAssembly.Module>>();
const instances = new WeakMap<object, SimdModule>();
const failures = new WeakMap<object, string>();

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The kernels compiled once per process and memory kind (asynchronously: browsers refuse large synchronous compiles). */
function compileKernels(shared: boolean): Promise<WebAssembly.Module> {
  let module = compiled.get(shared);
  if (!module) {
    module = WebAssembly.compile(
      decodeBase64(shared ? KERNELS_WASM_SHARED_MEMORY_BASE64 : KERNELS_WASM_BASE64) as BufferSource,
    );
    compiled.set(shared, module);
  }
  return module;
}

/**
 * Makes the SIMD kernels ready on `backend` (tfjs' BackendWasm): instantiates them once per tfjs
 * module. Resolves to the module, or why they cannot run there.
 */
export async function prepareSimdModule(backend: tf.KernelBackend): Promise<SimdModule | string> {
  const emscripten = (backend as unknown as Partial<WasmBackendLike>).wasm;
  if (!emscripten || typeof emscripten._malloc !== 'function') return 'not a tfjs wasm backend';
  const ready = instances.get(emscripten);
  if (ready) return ready;
  const failed = failures.get(emscripten);
  if (failed) return failed;
  try {
    const module = await SimdModule.create(emscripten, compileKernels);
    instances.set(emscripten, module);
    return module;
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    failures.set(emscripten, reason);
    return reason;
  }
}

/** Which SIMD kernels take calls: none, those that measured faster than tfjs' (`auto`), or all. */
export type SimdKernelsMode = 'auto' | 'all' | 'off';

let mode: SimdKernelsMode = 'auto';

/**
 * Sets which registered SIMD kernels take calls (the others hand every call to the kernel they
 * wrap): registered kernels stay in tfjs' registry for the process, so `simd: 'off'` needs this.
 */
export function setSimdKernelsMode(next: SimdKernelsMode): void {
  mode = next;
}

/**
 * The SIMD module instantiated on `backend`'s memory, if {@link prepareSimdModule} made one and
 * the kernel asking is on: `onlyIn: 'all'` for the kernels used only in that mode.
 */
export function simdModuleOf(backend: tf.KernelBackend, onlyIn?: 'all'): SimdModule | undefined {
  if (mode === 'off' || (onlyIn && mode !== onlyIn)) return undefined;
  const emscripten = (backend as unknown as Partial<WasmBackendLike>).wasm;
  return emscripten ? instances.get(emscripten) : undefined;
}

/** The heap address of a tensor's bytes on tfjs' wasm backend (no copy). */
export function heapAddress(backend: tf.KernelBackend, info: tf.TensorInfo): number {
  return (backend as unknown as WasmBackendLike).typedArrayFromHeap(info).byteOffset;
}

/** Allocates a float32 output on tfjs' wasm heap. */
export function makeFloat32Output(backend: tf.KernelBackend, shape: number[]): tf.TensorInfo {
  return (backend as unknown as WasmBackendLike).makeOutput(shape, 'float32');
}
