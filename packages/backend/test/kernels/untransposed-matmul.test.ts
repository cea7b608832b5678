import * as tf from '@tensorflow/tfjs-core';
import { registerTrainingKernels } from '../../src/kernels/training-kernels';
import { relativeError, values } from './kernel-harness';

describe('wasm matMul with materialised transposes', () => {
  const shapes: Array<[string, number[], number[], boolean, boolean]> = [
    ['A·Bᵀ', [5, 7], [3, 7], false, true],
    ['Aᵀ·B', [7, 5], [7, 3], true, false],
    ['Aᵀ·Bᵀ', [7, 5], [3, 7], true, true],
    ['batched Aᵀ·Bᵀ', [2, 7, 5], [2, 3, 7], true, true],
    ['plain A·B', [5, 7], [7, 3], false, false],
  ];

  beforeAll(async () => {
    await tf.setBackend('wasm');
    const builtIn = tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc;
    registerTrainingKernels('wasm');
    expect(tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc).not.toBe(builtIn);
  });

  it.each(shapes)(
    '%s equals the cpu result, fused or not, without leaks',
    async (_name, aShape, bShape, transposeA, transposeB) => {
      const size = (s: number[]) => s.reduce((p, q) => p * q, 1);
      const av = values(size(aShape), 3);
      const bv = values(size(bShape), 4);
      const compute = () =>
        tf.tidy(() => {
          const a = tf.tensor(av, aShape);
          const b = tf.tensor(bv, bShape);
          const plain = tf.matMul(a, b, transposeA, transposeB);
          // wasm's fused kernel takes a rank-1 bias (one value per output column).
          const bias = tf.linspace(-1, 1, plain.shape[plain.rank - 1]);
          const fused = tf.fused.matMul({ a, b, transposeA, transposeB, bias, activation: 'relu' });
          return [plain.dataSync(), fused.dataSync()];
        });
      await tf.setBackend('cpu');
      const [refPlain, refFused] = compute();
      await tf.setBackend('wasm');
      const before = tf.memory().numTensors;
      const [plain, fused] = compute();
      expect(tf.memory().numTensors).toBe(before);
      expect(relativeError(plain, refPlain)).toBeLessThan(1e-5);
      // tfjs' own wasm _FusedMatMul adds the bias wrongly for batched (rank-3) inputs, with or
      // without transposes (a tfjs bug, see docs/backend.md); dense layers only use rank 2.
      if (aShape.length === 2) expect(relativeError(fused, refFused)).toBeLessThan(1e-5);
    },
  );

  it('registers once: a second call changes nothing', async () => {
    await tf.setBackend('wasm');
    registerTrainingKernels('wasm');
    expect(registerTrainingKernels('wasm')).toEqual([]);
  });
});
