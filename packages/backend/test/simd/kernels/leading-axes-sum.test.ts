import * as tf from '@tensorflow/tfjs-core';
import { countCalls, onSimdWasm, operand, relativeError } from '../simd-harness';

/** `tf.sum(x, axes, keepDims)` on one backend. */
async function sumOn(
  backend: 'cpu' | 'simd',
  x: Float32Array,
  shape: number[],
  axes: number[],
  keepDims: boolean,
) {
  if (backend === 'cpu') await tf.setBackend('cpu');
  else await onSimdWasm();
  const input = tf.tensor(x, shape);
  const sum = tf.sum(input, axes, keepDims);
  const out = { values: sum.dataSync() as Float32Array, shape: sum.shape };
  tf.dispose([input, sum]);
  return out;
}

describe('SIMD Sum over leading axes matches the cpu backend', () => {
  it.each([
    ['a bias gradient [N,H,W,C] over N,H,W', [4, 6, 5, 16], [0, 1, 2], false],
    ['odd columns (3, the scalar tail), batch 1', [1, 7, 3], [0, 1], false],
    ['41 columns (a 32-column chunk, 8 more, 1 tail)', [300, 41], [0], true],
    ['axes given out of order', [5, 4, 8], [1, 0], false],
    ['the seed CNN first bias: 401408 rows', [512, 28, 28, 16], [0, 1, 2], false],
  ] as const)('%s', async (_name, shape, axes, keepDims) => {
    const x = operand([...shape], 21).values;
    const expected = await sumOn('cpu', x, [...shape], [...axes], keepDims);
    const [calls] = await countCalls(['leading_axes_sum'], async () => {
      const actual = await sumOn('simd', x, [...shape], [...axes], keepDims);
      expect(actual.shape).toEqual(expected.shape);
      expect(relativeError(actual.values, expected.values)).toBeLessThan(1e-5);
    });
    expect(calls).toBe(1);
  });

  it('hands other reductions (trailing axes, all axes, int32) to the kernel it wraps', async () => {
    const x = operand([3, 4, 5], 22).values;
    const [calls] = await countCalls(['leading_axes_sum'], async () => {
      for (const axes of [[2], [0, 1, 2], [1]]) {
        const expected = await sumOn('cpu', x, [3, 4, 5], axes, false);
        const actual = await sumOn('simd', x, [3, 4, 5], axes, false);
        expect(relativeError(actual.values, expected.values)).toBeLessThan(1e-6);
      }
      await onSimdWasm();
      expect(
        Array.from(
          tf
            .sum(
              tf.tensor(
                [
                  [1, 2],
                  [3, 4],
                ],
                [2, 2],
                'int32',
              ),
              0,
            )
            .dataSync(),
        ),
      ).toEqual([4, 6]);
    });
    expect(calls).toBe(0);
  });
});
