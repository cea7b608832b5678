import * as tf from '@tensorflow/tfjs-core';
import { availableBackends, describeBackend, nativeKernelsHint, useBackend } from '../../src';
import type { TrainingKernel } from '../../src/kernels/training-kernels';
import type { ModuleLoader } from '../../src/select/native-bindings';
import type { NativeKernelsLoader } from '../../src/select/native-kernels';
import { withoutThreadsPin } from '../threads/auto-thread-rule';
import { withEnv } from '../support/environment';

const nothingInstalled: ModuleLoader = () => ({ loaded: false, reason: 'not installed' });

describe('useBackend', () => {
  withoutThreadsPin();
  it('auto falls back to wasm when no native binding is installed, says why in one line, and registers the kernels', async () => {
    const lines: string[] = [];
    // The first wasm initialisation in this file: a machine with 1 of 4 cores free gets 1 thread.
    const coreLoad = { cores: 4, loadAverage: 2.7 };
    const name = await useBackend('auto', { log: (line) => lines.push(line), load: nothingInstalled, coreLoad });
    expect(name).toBe('wasm');
    expect(lines[0]).toMatch(/; wasm threads: 1 \(single-threaded SIMD build\) \[auto: 1 of 4 cores free, load average 2\.7\];/);
    expect(tf.getBackend()).toBe('wasm');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/backend: wasm/);
    expect(lines[0]).toMatch(
      /@tensorflow\/tfjs-node-gpu: not installed; @tensorflow\/tfjs-node: not installed/,
    );
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('DepthwiseConv2dNativeBackpropInput', 'wasm')).toBeDefined();
  });

  it('honours an explicit cpu request and replaces its slow conv filter gradient', async () => {
    const lines: string[] = [];
    expect(await useBackend('cpu', { log: (line) => lines.push(line), load: nothingInstalled })).toBe('cpu');
    expect(lines[0]).toMatch(/backend: cpu .*\(requested\)/);
    expect(lines[0]).toMatch(/registered training kernels: Conv2DBackpropFilter/);
  });

  it('explains why tensorflow is unavailable and rejects unknown names', async () => {
    await expect(useBackend('tensorflow', { quiet: true, load: nothingInstalled })).rejects.toThrow(
      /'tensorflow' is not available here: tensorflow \(@tensorflow\/tfjs-node-gpu: not installed.*Install @tensorflow\/tfjs-node/,
    );
    await expect(useBackend('gpu' as never, { quiet: true })).rejects.toThrow(/unknown backend 'gpu'/);
  });

  it('knows webgl, and in Node says it needs a browser (the browser suite runs it in chromium)', async () => {
    await expect(useBackend('webgl', { quiet: true, load: nothingInstalled })).rejects.toThrow(
      /'webgl' is not available here: webgl \(browsers only: @tensorflow\/tfjs-backend-webgl needs a page with WebGL2\)/,
    );
    const lines: string[] = [];
    expect(await useBackend('auto', { log: (line) => lines.push(line), load: nothingInstalled })).toBe('wasm');
    expect(lines[0]).toMatch(/not available: .*webgl \(browsers only/);
  });

  it('prefers tfjs-node-gpu over tfjs-node when both load, and reports a broken install', () => {
    const tried: string[] = [];
    const gpuBroken: ModuleLoader = (name) => {
      tried.push(name);
      return name.endsWith('-gpu')
        ? { loaded: false, reason: 'failed to load: libcudart.so missing' }
        : { loaded: true };
    };
    const [tensorflow] = availableBackends(gpuBroken);
    expect(tried).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
    // No real binding registered a 'tensorflow' factory here, so it is still unavailable, but the
    // detail names the package that loaded.
    expect(tensorflow.detail).toBe('@tensorflow/tfjs-node');
    expect(tensorflow.available).toBe(false);
  });
});

describe('useBackend: native wasm kernels (@contrastive/backend-native)', () => {
  const info = { library: 'oneDNN', version: '9.9.9', threads: 2, isa: 'avx2' };
  const unavailable: NativeKernelsLoader = () => ({ available: false, reason: 'the native addon is not built' });

  /** A stand-in native Conv2D that counts its calls and delegates to the kernel it wraps. */
  function countingConv2d() {
    const calls = { count: 0 };
    const kernel: TrainingKernel = {
      kernelName: 'Conv2D',
      backends: ['wasm'],
      wrap: (original) => (args) => {
        calls.count++;
        return original(args);
      },
    };
    return { calls, load: (() => ({ available: true, info, kernels: [kernel] })) as NativeKernelsLoader };
  }

  const conv = () =>
    tf.tidy(
      () => tf.sum(tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, tf.ones([3, 3, 1, 2]) as tf.Tensor4D, 1, 'same')).dataSync()[0],
    );

  it("'auto' registers them over ours, says which library and kernels, and repeated calls do not stack them", async () => {
    const { calls, load } = countingConv2d();
    const lines: string[] = [];
    await useBackend('wasm', { log: (line) => lines.push(line), load: nothingInstalled, loadNative: load });
    expect(lines[0]).toMatch(/native kernels: oneDNN 9\.9\.9 \(2 threads, avx2\) for Conv2D/);
    // Each of the 16 pixels is seen by 4 (corner), 6 (edge) or 9 (inner) outputs, for 2 filters.
    expect(conv()).toBe(2 * (4 * 4 + 8 * 6 + 4 * 9));
    expect(calls.count).toBe(1);
    await useBackend('wasm', { quiet: true, load: nothingInstalled, loadNative: load });
    conv();
    expect(calls.count).toBe(2);
  });

  it('with a native matMul, SupCon\'s products go to it: our GEMM kernels step aside until native is off again', async () => {
    const matMul: TrainingKernel = { kernelName: 'BatchMatMul', backends: ['wasm'], wrap: (original) => original };
    const loadNative = (() => ({ available: true, info, kernels: [matMul] })) as NativeKernelsLoader;
    const lines: string[] = [];
    await useBackend('wasm', { native: 'off', load: nothingInstalled, log: (line) => lines.push(line) });
    expect(tf.getKernel('SymmetricGram', 'wasm')).toBeDefined();
    await useBackend('wasm', { load: nothingInstalled, loadNative, log: (line) => lines.push(line) });
    expect(lines[1]).toMatch(/for BatchMatMul \(and its matMul for SymmetricGram, SymmetrizedMatMul\)/);
    expect(tf.getKernel('SymmetricGram', 'wasm')).toBeUndefined();
    expect(tf.getKernel('SymmetrizedMatMul', 'wasm')).toBeUndefined();
    await useBackend('wasm', { quiet: true, native: 'off', load: nothingInstalled });
    expect(tf.getKernel('SymmetricGram', 'wasm')).toBeDefined();
    expect(tf.getKernel('SymmetrizedMatMul', 'wasm')).toBeDefined();
  });

  it("'auto' goes on without them and says why; 'required' fails naming the reason; 'off' never loads them", async () => {
    const lines: string[] = [];
    await useBackend('wasm', { log: (line) => lines.push(line), native: 'auto', load: nothingInstalled, loadNative: unavailable });
    expect(lines[0]).toMatch(/native kernels: not used \(the native addon is not built\)/);
    await expect(
      useBackend('wasm', { quiet: true, native: 'required', load: nothingInstalled, loadNative: unavailable }),
    ).rejects.toThrow(/native kernels required but unavailable: the native addon is not built/);
    const loadNative = jest.fn(unavailable);
    await useBackend('wasm', { log: (line) => lines.push(line), native: 'off', load: nothingInstalled, loadNative });
    expect(loadNative).not.toHaveBeenCalled();
    expect(lines[1]).toMatch(/native kernels: off/);
  });

  it('reads the default mode from CONTRASTIVE_NATIVE and rejects unknown modes', async () => {
    await withEnv('CONTRASTIVE_NATIVE', 'required', async () => {
      await expect(useBackend('wasm', { quiet: true, load: nothingInstalled, loadNative: unavailable })).rejects.toThrow(
        /native kernels required/,
      );
      process.env.CONTRASTIVE_NATIVE = 'sometimes';
      await expect(useBackend('wasm', { quiet: true })).rejects.toThrow(
        /native kernels mode must be one of auto, off, required, got 'sometimes' \(from CONTRASTIVE_NATIVE\)/,
      );
    });
  });

  it('does not touch the cpu backend', async () => {
    const loadNative = jest.fn(unavailable);
    await useBackend('cpu', { quiet: true, native: 'required', load: nothingInstalled, loadNative });
    expect(loadNative).not.toHaveBeenCalled();
  });
});

describe('describeBackend', () => {
  it('names the backend, and the native library when its kernels run on wasm', async () => {
    await useBackend('cpu', { quiet: true, load: nothingInstalled });
    expect(describeBackend()).toBe('cpu');
    const kernel: TrainingKernel = { kernelName: 'Relu', backends: ['wasm'], wrap: (original) => original };
    const info = { library: 'oneDNN', version: '9.9.9', threads: 2, isa: 'avx2' };
    // A stand-in that runs on the threads it is given, as @contrastive/backend-native does.
    const loadNative = jest.fn<ReturnType<NativeKernelsLoader>, Parameters<NativeKernelsLoader>>((options) => ({
      available: true,
      info: { ...info, threads: options?.threads ?? 2 },
      kernels: [kernel],
    }));
    await useBackend('wasm', { quiet: true, native: 'auto', threads: 1, load: nothingInstalled, loadNative });
    expect(loadNative).toHaveBeenLastCalledWith({ threads: 1 });
    expect(describeBackend()).toBe('wasm + native kernels (oneDNN 9.9.9), 1 thread (requested)');
  });

  it("names the native library's own thread count when OMP_NUM_THREADS set another", async () => {
    const kernel: TrainingKernel = { kernelName: 'Relu', backends: ['wasm'], wrap: (original) => original };
    const info = { library: 'oneDNN', version: '9.9.9', threads: 3, threadsReason: 'OMP_NUM_THREADS=3', isa: 'avx2' };
    const lines: string[] = [];
    const loadNative = () => ({ available: true as const, info, kernels: [kernel] });
    await useBackend('wasm', { log: (line) => lines.push(line), threads: 1, load: nothingInstalled, loadNative });
    expect(lines[0]).toMatch(/native kernels: oneDNN 9\.9\.9 \(3 threads: OMP_NUM_THREADS=3, avx2\) for Relu/);
    expect(describeBackend()).toBe('wasm + native kernels (oneDNN 9.9.9, 3 threads: OMP_NUM_THREADS=3), 1 thread (requested)');
  });
});

describe('useBackend: threads', () => {
  it('takes the count from CONTRASTIVE_THREADS, the option over it, and rejects bad ones before loading anything', async () => {
    const lines: string[] = [];
    await withEnv('CONTRASTIVE_THREADS', '1', async () => {
      await useBackend('wasm', { log: (line) => lines.push(line), native: 'off', load: nothingInstalled });
      // wasm was initialised earlier in this file (on 1 thread), so the count stays what it was.
      expect(lines[0]).toMatch(
        /; wasm threads: 1 \(wasm backend already initialised; threads unchanged\) \[CONTRASTIVE_THREADS=1\];/,
      );
      expect(describeBackend()).toMatch(/, 1 thread \(CONTRASTIVE_THREADS=1\)$/);
      process.env.CONTRASTIVE_THREADS = 'lots';
      await expect(useBackend('wasm', { quiet: true, load: nothingInstalled })).rejects.toThrow(
        /CONTRASTIVE_THREADS must be 'auto' or a positive integer, got "lots"/,
      );
      await useBackend('wasm', { log: (line) => lines.push(line), threads: 1, native: 'off', load: nothingInstalled });
      expect(lines[1]).toMatch(/; wasm threads: 1 \(wasm backend already initialised; threads unchanged\) \[requested\];/);
    });
    await expect(useBackend('wasm', { quiet: true, threads: 0 })).rejects.toThrow(
      /options.threads must be 'auto' or a positive integer, got 0/,
    );
  });

  it('leaves the cpu backend without a thread line', async () => {
    const lines: string[] = [];
    await useBackend('cpu', { log: (line) => lines.push(line), load: nothingInstalled });
    expect(lines[0]).not.toMatch(/wasm threads/);
    expect(describeBackend()).toBe('cpu');
  });
});

describe('nativeKernelsHint', () => {
  const kernel: TrainingKernel = { kernelName: 'Relu', backends: ['wasm'], wrap: (original) => original };
  const info = { library: 'oneDNN', version: '9.9.9', threads: 2, isa: 'avx2' };
  const missing = () => ({ available: false as const, reason: 'the native addon is not built' });
  const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
  afterEach(() => Object.defineProperty(process, 'platform', platform));

  it('tells a Linux user on wasm without native kernels how to get them, in one line', async () => {
    Object.defineProperty(process, 'platform', { value: 'linux' });
    await useBackend('wasm', { quiet: true, native: 'auto', load: nothingInstalled, loadNative: missing });
    expect(nativeKernelsHint()).toMatch(/^tip: for ~1.3-1.5x faster training steps, install oneDNN \(sudo apt install libdnnl-dev\), then run npm ci again$/);
  });

  it('says nothing when the native kernels run, were turned off, the backend is not wasm, or off Linux', async () => {
    Object.defineProperty(process, 'platform', { value: 'linux' });
    await useBackend('wasm', { quiet: true, native: 'auto', load: nothingInstalled, loadNative: () => ({ available: true, info, kernels: [kernel] }) });
    expect(nativeKernelsHint()).toBeUndefined();
    await useBackend('wasm', { quiet: true, native: 'off', load: nothingInstalled, loadNative: missing });
    expect(nativeKernelsHint()).toBeUndefined();
    await useBackend('wasm', { quiet: true, native: 'auto', load: nothingInstalled, loadNative: missing });
    await useBackend('cpu', { quiet: true, load: nothingInstalled });
    expect(nativeKernelsHint()).toBeUndefined();
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    await useBackend('wasm', { quiet: true, native: 'auto', load: nothingInstalled, loadNative: missing });
    expect(nativeKernelsHint()).toBeUndefined();
  });
});
