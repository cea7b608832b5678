import type * as tf from '@tensorflow/tfjs-core';
import { KERNELS_WASM_BASE64 } from './kernels-wasm';

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
  conv2d_scratch_bytes(geometry: number, inputGradient: number): number;
  conv2d(geometry: number, x: number, w: number, bias: number, relu: number, y: number, scratch: number): void;
  conv2d_backprop_input(geometry: number, dy: number, w: number, dx: number, scratch: number): void;
  conv2d_backprop_filter_scratch_bytes(geometry: number): number;
  conv2d_backprop_filter(geometry: number, x: number, dy: number, dw: number, scratch: number): void;
  max_pool_grad(geometry: number, dy: number, x: number, dx: number): void;
  leading_axes_sum(x: number, rows: number, cols: number, out: number): void;
}

// The kernels' C stack (small: a few locals per call) and the geometry block, both allocated once
// per tfjs module with its malloc.
const STACK_BYTES = 64 * 1024;
const GEOMETRY_INTS = 32;

/** The SIMD kernels instantiated on one tfjs wasm module's memory. */
export class SimdModule {
  /** Calls per exported function since instantiation (tests check the kernels really ran). */
  readonly calls = new Map<keyof SimdExports, number>();

  private constructor(
    private readonly emscripten: EmscriptenModule,
    private readonly memory: WebAssembly.Memory,
    private readonly exports: SimdExports,
    private readonly geometryPointer: number,
  ) {}

  /** Calls one of the module's exports. */
  call<K extends keyof SimdExports>(name: K, ...args: Parameters<SimdExports[K]>): ReturnType<SimdExports[K]> {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
    return (this.exports[name] as (...a: number[]) => ReturnType<SimdExports[K]>)(...(args as number[]));
  }

  /** Instantiates the kernels on `emscripten`'s memory (throws when they cannot link to it). */
  static async create(emscripten: EmscriptenModule, compiled: WebAssembly.Module): Promise<SimdModule> {
    const memory = emscripten.asm?.memory ?? emscripten.wasmMemory;
    if (!(memory instanceof WebAssembly.Memory)) throw new Error("tfjs-backend-wasm's memory is not reachable");
    if (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer) {
      throw new Error("tfjs' threaded build (shared memory) is not supported yet; they run with 1 wasm thread");
    }
    const stack = emscripten._malloc(STACK_BYTES);
    const geometry = emscripten._malloc(4 * GEOMETRY_INTS);
    const instance = await WebAssembly.instantiate(compiled, {
      env: {
        memory,
        // The stack grows down from the top of its block (16-byte aligned).
        __stack_pointer: new WebAssembly.Global({ value: 'i32', mutable: true }, (stack + STACK_BYTES) & ~15),
        // Position-independent code with no static data and no function pointers: both bases are 0.
        __memory_base: new WebAssembly.Global({ value: 'i32', mutable: false }, 0),
        __table_base: new WebAssembly.Global({ value: 'i32', mutable: false }, 0),
        __indirect_function_table: new WebAssembly.Table({ initial: 0, element: 'anyfunc' }),
      },
    });
    return new SimdModule(emscripten, memory, instance.exports as unknown as SimdExports, geometry);
  }

  /** Writes `values` into the geometry block and returns its address. */
  geometry(values: readonly number[]): number {
    if (values.length > GEOMETRY_INTS) throw new Error(`simd kernels: geometry of ${values.length} ints`);
    new Int32Array(this.memory.buffer, this.geometryPointer, values.length).set(values);
    return this.geometryPointer;
  }

  /** Runs `body` with `bytes` of scratch from tfjs' malloc, freed afterwards. */
  withScratch<T>(bytes: number, body: (scratch: number) => T): T {
    const scratch = this.emscripten._malloc(Math.max(bytes, 16));
    try {
      return body(scratch);
    } finally {
      this.emscripten._free(scratch);
    }
  }
}

let compiled: Promise<WebAssembly.Module> | undefined;
const instances = new WeakMap<object, SimdModule>();
const failures = new WeakMap<object, string>();

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Makes the SIMD kernels ready on `backend` (tfjs' BackendWasm): compiles the module once per
 * process (asynchronously: browsers refuse to compile large modules synchronously) and
 * instantiates it once per tfjs module. Resolves to undefined, or why they cannot run there.
 */
export async function prepareSimdModule(backend: tf.KernelBackend): Promise<string | undefined> {
  const emscripten = (backend as unknown as Partial<WasmBackendLike>).wasm;
  if (!emscripten || typeof emscripten._malloc !== 'function') return 'not a tfjs wasm backend';
  if (instances.has(emscripten)) return undefined;
  const failed = failures.get(emscripten);
  if (failed) return failed;
  try {
    compiled ??= WebAssembly.compile(decodeBase64(KERNELS_WASM_BASE64) as BufferSource);
    instances.set(emscripten, await SimdModule.create(emscripten, await compiled));
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    failures.set(emscripten, reason);
    return reason;
  }
}

let enabled = true;

/**
 * Turns the registered SIMD kernels off (they hand every call to the kernel they wrap) or back
 * on: registered kernels stay in tfjs' registry for the process, so `simd: 'off'` needs this.
 */
export function setSimdKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** The SIMD module instantiated on `backend`'s memory, if {@link prepareSimdModule} made one and they are on. */
export function simdModuleOf(backend: tf.KernelBackend): SimdModule | undefined {
  if (!enabled) return undefined;
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
