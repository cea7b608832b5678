import * as tf from '@tensorflow/tfjs-core';
import { SYMMETRIC_GRAM } from '../../../src/simd/kernels/symmetric-gram';
import { SYMMETRIZED_MATMUL } from '../../../src/simd/kernels/symmetrized-matmul';
import { countCalls, onSimdWasm, relativeError, values } from '../simd-harness';
import { gramReference, symmetrizedReference } from './symmetric-gemm-reference';

function runOwnKernel(name: string, inputs: Record<string, tf.Tensor>, alpha: number): Float32Array {
  const out = tf.engine().runKernel(name, inputs, { alpha }) as tf.Tensor;
  const data = out.dataSync() as Float32Array;
  out.dispose();
  return data;
}

// Odd sizes, sizes off the 4 x 8 tile and the 8 x 8 block, one row, D off the vector width; N past
// the 256-deep k block (SymmetrizedMatMul adds blocks) and D large enough for several column chunks (the gram).
const SHAPES: Array<[number, number]> = [
  [1, 1],
  [1, 5],
  [3, 2],
  [7, 3],
  [8, 8],
  [9, 13],
  [17, 4],
  [33, 31],
  [64, 128],
  [101, 67],
  [301, 19],
  [70, 1000],
];

describe('SIMD SymmetricGram and SymmetrizedMatMul match float64 references', () => {
  beforeAll(onSimdWasm);

  it.each(SHAPES)('SymmetricGram x [%i, %i]: alpha x xᵀ, exactly symmetric', async (n, d) => {
    const x = values(n * d, n + 7 * d);
    const alpha = 1 / 0.07;
    let out: Float32Array = new Float32Array();
    const [calls] = await countCalls(['symmetric_gram'], async () => {
      const input = tf.tensor2d(x, [n, d]);
      out = runOwnKernel(SYMMETRIC_GRAM, { x: input }, alpha);
      input.dispose();
    });
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(relativeError(out, gramReference(x, n, d, alpha))).toBeLessThan(1e-5);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(out[i * n + j]).toBe(out[j * n + i]);
  });

  it.each(SHAPES)('SymmetrizedMatMul g [%i, %i]-sized: alpha (g + gᵀ) c', async (n, d) => {
    const g = values(n * n, 3 * n + d);
    const c = values(n * d, n + 11 * d);
    const alpha = 0.5;
    let out: Float32Array = new Float32Array();
    const [calls] = await countCalls(['symmetrized_matmul'], async () => {
      const [gt, ct] = [tf.tensor2d(g, [n, n]), tf.tensor2d(c, [n, d])];
      out = runOwnKernel(SYMMETRIZED_MATMUL, { g: gt, c: ct }, alpha);
      tf.dispose([gt, ct]);
    });
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(relativeError(out, symmetrizedReference(g, c, n, d, alpha))).toBeLessThan(1e-5);
  });

  it('agree with the cpu backend through tfjs ops, and leave no tensors behind', async () => {
    const [n, d] = [45, 19];
    const x = values(n * d, 5);
    const g = values(n * n, 6);
    await tf.setBackend('cpu');
    const [xc, gc] = [tf.tensor2d(x, [n, d]), tf.tensor2d(g, [n, n])];
    const gramCpu = tf.matMul(tf.mul(xc, 2), xc, false, true).dataSync();
    const productCpu = tf.matMul(tf.add(gc, tf.transpose(gc)), xc).dataSync();
    tf.dispose([xc, gc]);
    await onSimdWasm();
    const before = tf.memory().numTensors;
    const [xs, gs] = [tf.tensor2d(x, [n, d]), tf.tensor2d(g, [n, n])];
    expect(relativeError(runOwnKernel(SYMMETRIC_GRAM, { x: xs }, 2), gramCpu)).toBeLessThan(1e-5);
    expect(relativeError(runOwnKernel(SYMMETRIZED_MATMUL, { g: gs, c: xs }, 1), productCpu)).toBeLessThan(
      1e-5,
    );
    tf.dispose([xs, gs]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('name the problem on bad input', async () => {
    await onSimdWasm();
    const [x, wrong, vector] = [tf.zeros([4, 3]), tf.zeros([3, 3]), tf.zeros([2])];
    expect(() => tf.engine().runKernel(SYMMETRIC_GRAM, { x: vector }, { alpha: 1 })).toThrow(
      /float32 \[N, D\]/,
    );
    expect(() => tf.engine().runKernel(SYMMETRIZED_MATMUL, { g: wrong, c: x }, { alpha: 1 })).toThrow(
      /g must be \[4, 4\]/,
    );
    tf.dispose([x, wrong, vector]);
  });
});
