import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { describeBackend, useBackend } from '../../src';
import type { ModuleLoader } from '../../src/select/native-bindings';
import { withoutThreadsPin } from './auto-thread-rule';

const nothingInstalled: ModuleLoader = () => ({ loaded: false, reason: 'not installed' });

// Each jest test file has its own tfjs instance, so wasm is not initialised yet here.
describe('threads without SharedArrayBuffer', () => {
  withoutThreadsPin();
  const saved = globalThis.SharedArrayBuffer;
  beforeAll(() => {
    delete (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer;
  });
  afterAll(() => {
    globalThis.SharedArrayBuffer = saved;
  });

  it('falls back to one thread, says why, and computes', async () => {
    const lines: string[] = [];
    await useBackend('wasm', {
      native: 'off',
      load: nothingInstalled,
      coreLoad: { cores: 2, loadAverage: 0 },
      log: (line) => lines.push(line),
    });
    expect(getThreadsCount()).toBe(1);
    expect(lines[0]).toMatch(/; wasm threads: 1 \(no SharedArrayBuffer\) \[auto: 2 cores free\];/);
    expect(describeBackend()).toBe(
      'wasm + simd kernels, 1 thread (auto: 2 cores free, but no SharedArrayBuffer)',
    );
    const y = tf.tidy(() =>
      tf.grad((x: tf.Tensor) =>
        tf.sum(tf.conv2d(x as tf.Tensor4D, tf.ones([3, 3, 1, 2]) as tf.Tensor4D, 1, 'same')),
      )(tf.ones([1, 4, 4, 1])),
    );
    // Each input pixel feeds 4 (corner), 6 (edge) or 9 (inner) outputs, for 2 filters.
    expect(Array.from(y.dataSync())).toEqual([8, 12, 12, 8, 12, 18, 18, 12, 12, 18, 18, 12, 8, 12, 12, 8]);
    y.dispose();
  });
});
