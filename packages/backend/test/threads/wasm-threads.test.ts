import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { describeBackend, enableWasmThreads, useBackend } from '../../src';
import { relativeError, values } from '../kernels/kernel-harness';

// Each jest test file has its own tfjs instance, so wasm is not initialised yet here.
describe('wasm multithreading in Node', () => {
  it('rejects a thread count that is not a positive integer', () => {
    expect(() => enableWasmThreads(0)).toThrow(/threads must be a positive integer, got 0/);
    expect(() => enableWasmThreads(1.5)).toThrow(/got 1.5/);
  });

  it('runs the threaded SIMD build on 2 worker_threads, says so, and computes what cpu computes', async () => {
    const lines: string[] = [];
    expect(await useBackend('wasm', { threads: 2, log: (line) => lines.push(line) })).toBe('wasm');
    expect(getThreadsCount()).toBe(2);
    expect(lines[0]).toMatch(/wasm threads: 2 \(threaded SIMD build, 2 worker_threads\) \[requested\]/);

    const xv = values(4 * 12 * 12 * 3, 11);
    const wv = values(3 * 3 * 3 * 8, 12);
    const lossGrads = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(xv, [4, 12, 12, 3]);
        const w = tf.tensor4d(wv, [3, 3, 3, 8]);
        const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same'))),
        )([x, w]);
        return [dx.dataSync(), dw.dataSync()];
      });
    const before = tf.memory().numTensors;
    const [dx, dw] = lossGrads();
    expect(tf.memory().numTensors).toBe(before);
    await tf.setBackend('cpu');
    const [refDx, refDw] = lossGrads();
    expect(relativeError(dx, refDx)).toBeLessThan(1e-5);
    expect(relativeError(dw, refDw)).toBeLessThan(1e-5);
    await tf.setBackend('wasm');
  });

  it('leaves an initialised wasm backend alone, and useBackend says so', async () => {
    const unchanged = { threads: 2, reason: 'wasm backend already initialised; threads unchanged' };
    expect(enableWasmThreads(3)).toEqual(unchanged);
    expect(enableWasmThreads(1)).toEqual(unchanged);
    const lines: string[] = [];
    await useBackend('wasm', { threads: 1, native: 'off', log: (line) => lines.push(line) });
    expect(lines[0]).toMatch(
      /wasm threads: 2 \(wasm backend already initialised; threads unchanged\) \[requested\]/,
    );
    expect(describeBackend()).toMatch(
      /, 2 threads \(requested, but wasm backend already initialised; threads unchanged\)$/,
    );
  });
});
