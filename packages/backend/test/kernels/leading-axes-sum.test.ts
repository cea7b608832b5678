import * as tf from '@tensorflow/tfjs-core';
import { leadingAxesSum } from '../../src/kernels/leading-axes-sum';
import { values } from './kernel-harness';

/** Σ over `axes` in float64, for reference. */
function reference(
  x: Float32Array,
  shape: number[],
  axes: number[],
): { sum: Float64Array; abs: Float64Array } {
  const keptDims = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const size = keptDims.reduce((a, i) => a * shape[i], 1);
  const sum = new Float64Array(size);
  const abs = new Float64Array(size);
  const index = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < x.length; flat++) {
    let out = 0;
    for (const i of keptDims) out = out * shape[i] + index[i];
    sum[out] += x[flat];
    abs[out] += Math.abs(x[flat]);
    for (let d = shape.length - 1; d >= 0 && ++index[d] === shape[d]; d--) index[d] = 0;
  }
  return { sum, abs };
}

describe('Sum over leading axes as a matMul (wasm)', () => {
  let delegated = 0;
  beforeAll(async () => {
    await tf.setBackend('wasm');
    const builtIn = tf.getKernel('Sum', 'wasm')!;
    const counting: tf.KernelFunc = (args) => {
      delegated++;
      return builtIn.kernelFunc(args);
    };
    tf.unregisterKernel('Sum', 'wasm');
    tf.registerKernel({ ...builtIn, kernelFunc: leadingAxesSum(counting) });
  });

  it.each([
    ['bias gradient [N,H,W,C] over N,H,W', [4, 6, 5, 3], [0, 1, 2], false, 0],
    ['first axis only', [7, 4, 3], [0], false, 0],
    ['unsorted leading axes, keepDims', [3, 5, 4, 2], [1, 0], true, 0],
    ['negative axes naming leading dims', [5, 6, 2], [-3, -2], false, 0],
    ['trailing axis: delegated', [4, 6, 5], [2], false, 1],
    ['all axes: delegated', [4, 6, 5], [0, 1, 2], false, 1],
    ['middle axis: delegated', [4, 6, 5], [1], false, 1],
  ] as Array<[string, number[], number[], boolean, number]>)(
    '%s',
    (_name, shape, axis, keepDims, delegations) => {
      const xv = values(
        shape.reduce((a, b) => a * b, 1),
        9,
      );
      const x = tf.tensor(xv, shape);
      const before = tf.memory().numTensors;
      delegated = 0;
      const y = tf.sum(x, axis, keepDims);
      expect(delegated).toBe(delegations);
      const expectedShape = shape
        .map((d, i) => (tf.util.parseAxisParam(axis, shape).includes(i) ? (keepDims ? 1 : -1) : d))
        .filter((d) => d !== -1);
      expect(y.shape).toEqual(expectedShape);
      const { sum, abs } = reference(xv, shape, tf.util.parseAxisParam(axis, shape));
      const got = y.dataSync();
      for (let i = 0; i < sum.length; i++)
        expect(Math.abs(got[i] - sum[i])).toBeLessThan(1e-6 * abs[i] + 1e-7);
      y.dispose();
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
    },
  );

  it('int32 sums delegate', () => {
    delegated = 0;
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32');
    const y = tf.sum(x, 0);
    expect(Array.from(y.dataSync())).toEqual([9, 12]);
    expect(delegated).toBe(1);
    tf.dispose([x, y]);
  });

  it('works inside tf.grad (the bias gradient of a conv)', () => {
    const x = tf.tensor4d(values(2 * 5 * 5 * 2, 3), [2, 5, 5, 2]);
    const w = tf.tensor4d(values(3 * 3 * 2 * 3, 4), [3, 3, 2, 3]);
    const b = tf.tensor1d([0.1, -0.2, 0.3]);
    const before = tf.memory().numTensors;
    const db = tf.grad((bias: tf.Tensor) => tf.sum(tf.square(tf.add(tf.conv2d(x, w, 1, 'same'), bias))))(b);
    // d/db Σ (conv + b)² = Σ over N, H, W of 2 (conv + b).
    const expected = tf.tidy(() => tf.sum(tf.mul(tf.add(tf.conv2d(x, w, 1, 'same'), b), 2), [0, 1, 2]));
    const [got, want] = [db.dataSync(), expected.dataSync()];
    for (let i = 0; i < 3; i++) expect(got[i]).toBeCloseTo(want[i], 4);
    tf.dispose([db, expected]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w, b]);
  });
});
