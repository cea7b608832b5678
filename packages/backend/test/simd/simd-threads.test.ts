import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { useBackend } from '../../src';
import type { ModuleLoader } from '../../src/select/native-bindings';
import { simdModuleOf } from '../../src/simd/simd-module';
import { valueAndGradientsHere as valueAndGradients } from '../kernels/kernel-harness';
import { operand, relativeError } from './simd-harness';
import { gramReference, symmetrizedReference } from './kernels/symmetric-gemm-reference';

const nothingInstalled: ModuleLoader = () => ({ loaded: false, reason: 'not installed' });

// Each jest test file has its own tfjs instance, so wasm is not initialised yet here.
describe('SIMD kernels on tfjs threaded build (shared memory): the images split across threads', () => {
  const lines: string[] = [];

  beforeAll(async () => {
    await useBackend('wasm', {
      threads: 2,
      native: 'off',
      simd: 'all',
      load: nothingInstalled,
      log: (line) => lines.push(line),
    });
  });

  it('run on as many threads as tfjs, and the line says so', () => {
    expect(getThreadsCount()).toBe(2);
    expect(lines[0]).toMatch(/; simd kernels: WebAssembly SIMD \(2 threads\) for Conv2D, /);
    expect(simdModuleOf(tf.backend())?.threads).toBe(2);
  });

  it.each([
    ['the seed CNN first layer', [5, 28, 28, 1], [3, 3, 1, 16], 1, 'same'],
    ['the seed CNN second layer', [3, 14, 14, 16], [3, 3, 16, 32], 1, 'same'],
    ['odd channels, stride 2, valid (strided input gradient)', [3, 9, 8, 5], [3, 3, 5, 7], 2, 'valid'],
  ] as const)(
    'conv, its gradients, bias sum and max-pool gradient match cpu: %s',
    async (_name, xShape, wShape, stride, pad) => {
      const f = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
        tf.maxPool(
          tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, stride, pad), b)) as tf.Tensor4D,
          2,
          2,
          'same',
        );
      const inputs = [operand([...xShape], 31), operand([...wShape], 32), operand([wShape[3]], 33)];
      const simd = simdModuleOf(tf.backend())!;
      const names = [
        'conv2d_run',
        'conv2d_backprop_filter_run',
        'max_pool_grad',
        'add_partial_sums',
      ] as const;
      const before = names.map((name) => simd.calls.get(name) ?? 0);
      const actual = valueAndGradients(f, inputs);
      // Every case has >= 2 images: 2 forward passes + 1 input gradient in 2 ranges each; the filter
      // gradient and the max-pool gradient in 2 ranges; the bias gradient's partial sums added once.
      expect(names.map((name, i) => (simd.calls.get(name) ?? 0) - before[i])).toEqual([6, 2, 2, 1]);
      await tf.setBackend('cpu');
      const expected = valueAndGradients(f, inputs);
      await tf.setBackend('wasm');
      for (let i = 0; i < expected.length; i++)
        expect(relativeError(actual[i], expected[i])).toBeLessThan(1e-5);
    },
  );

  it('FusedSupConRows splits its rows across the threads and gives what one thread gives', async () => {
    const rows = 33;
    const logits = tf.tensor2d(
      operand([rows, rows], 36).values.map((v) => v * 10),
      [rows, rows],
    );
    const labels = tf.tensor1d(
      Int32Array.from({ length: rows }, (_, i) => i % 4),
      'int32',
    );
    const selfIndex = tf.tensor1d(
      Int32Array.from({ length: rows }, (_, i) => i),
      'int32',
    );
    const attrs = { variant: 'out', noPositive: 'exclude', scale: 1, maskOffset: 1e9 };
    const run = () => {
      const [loss, gradient] = tf
        .engine()
        .runKernel(
          'FusedSupConRows',
          { logits, anchorLabels: labels, contrastLabels: labels, selfIndex },
          attrs as never,
        ) as tf.Tensor[];
      const out = [loss.dataSync()[0], gradient.dataSync()] as const;
      tf.dispose([loss, gradient]);
      return out;
    };
    const simd = simdModuleOf(tf.backend())!;
    const before = simd.calls.get('supcon_rows') ?? 0;
    const [loss, gradient] = run();
    expect((simd.calls.get('supcon_rows') ?? 0) - before).toBe(2);
    // One thread: the same rows on the calling thread alone, through the export itself.
    const threads = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(simd), 'threads')!;
    Object.defineProperty(simd, 'threads', { get: () => 1, configurable: true });
    try {
      const [single, singleGradient] = run();
      expect(loss).toBe(single);
      expect(Array.from(gradient)).toEqual(Array.from(singleGradient));
    } finally {
      delete (simd as unknown as Record<string, unknown>).threads;
      expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(simd), 'threads')).toEqual(threads);
    }
    tf.dispose([logits, labels, selfIndex]);
  });

  it.each([
    [37, 13],
    [301, 20],
  ])('SymmetricGram and SymmetrizedMatMul split [%i, %i] across the threads and give what one thread gives', (n, d) => {
    const x = tf.tensor2d(operand([n, d], 37).values, [n, d]);
    const g = tf.tensor2d(operand([n, n], 38).values, [n, n]);
    const run = () => {
      const gram = tf.engine().runKernel('SymmetricGram', { x }, { alpha: 3 }) as tf.Tensor;
      const product = tf.engine().runKernel('SymmetrizedMatMul', { g, c: x }, { alpha: 0.25 }) as tf.Tensor;
      const out = [gram.dataSync() as Float32Array, product.dataSync() as Float32Array] as const;
      tf.dispose([gram, product]);
      return out;
    };
    const simd = simdModuleOf(tf.backend())!;
    const names = ['symmetric_gram', 'symmetrized_matmul'] as const;
    const before = names.map((name) => simd.calls.get(name) ?? 0);
    const [gram, product] = run();
    expect(names.map((name, i) => (simd.calls.get(name) ?? 0) - before[i])).toEqual([2, 2]);
    expect(relativeError(gram, gramReference(x.dataSync() as Float32Array, n, d, 3))).toBeLessThan(1e-5);
    expect(
      relativeError(product, symmetrizedReference(g.dataSync() as Float32Array, x.dataSync() as Float32Array, n, d, 0.25)),
    ).toBeLessThan(1e-5);
    Object.defineProperty(simd, 'threads', { get: () => 1, configurable: true });
    try {
      const [singleGram, singleProduct] = run();
      expect(Array.from(gram)).toEqual(Array.from(singleGram));
      expect(Array.from(product)).toEqual(Array.from(singleProduct));
    } finally {
      delete (simd as unknown as Record<string, unknown>).threads;
    }
    tf.dispose([x, g]);
  });

  it('one image is not split (the second thread idles)', () => {
    const x = tf.tensor4d(operand([1, 6, 6, 2], 34).values, [1, 6, 6, 2]);
    const w = tf.tensor4d(operand([3, 3, 2, 4], 35).values, [3, 3, 2, 4]);
    const y = tf.conv2d(x, w, 1, 'same');
    const actual = y.dataSync();
    tf.dispose([x, w, y]);
    return tf.setBackend('cpu').then(() => {
      const xc = tf.tensor4d(operand([1, 6, 6, 2], 34).values, [1, 6, 6, 2]);
      const wc = tf.tensor4d(operand([3, 3, 2, 4], 35).values, [3, 3, 2, 4]);
      const expected = tf.conv2d(xc, wc, 1, 'same').dataSync();
      expect(relativeError(actual, expected)).toBeLessThan(1e-5);
      tf.dispose([xc, wc]);
      return tf.setBackend('wasm');
    });
  });
});
