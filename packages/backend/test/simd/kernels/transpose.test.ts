import * as tf from '@tensorflow/tfjs-core';
import { countCalls, onSimdWasm, operand } from '../simd-harness';

/** `tf.transpose(x, perm)` on one backend, as plain values and shape. */
async function transposeOn(
  backend: 'cpu' | 'simd',
  values: Float32Array | Int32Array,
  shape: number[],
  perm: number[],
) {
  if (backend === 'cpu') await tf.setBackend('cpu');
  else await onSimdWasm();
  const x = tf.tensor(values, shape, values instanceof Int32Array ? 'int32' : 'float32');
  const y = tf.transpose(x, perm);
  const out = { values: Array.from(y.dataSync()), shape: y.shape };
  tf.dispose([x, y]);
  return out;
}

describe('SIMD Transpose of the last two axes matches the cpu backend exactly', () => {
  it.each([
    ['a matrix with 4 x 4 blocks and tails', [9, 7], [1, 0]],
    ['the SupCon logits gradient', [64, 64], [1, 0]],
    ['a batch of matrices', [3, 6, 5], [0, 2, 1]],
    ['leading axes kept', [2, 2, 5, 4], [0, 1, 3, 2]],
    ['one row', [1, 11], [1, 0]],
  ])('%s', async (_name, shape, perm) => {
    const values = operand(shape, 41).values;
    const expected = await transposeOn('cpu', values, shape, perm);
    const [calls] = await countCalls(['transpose_last_two'], async () => {
      expect(await transposeOn('simd', values, shape, perm)).toEqual(expected);
    });
    expect(calls).toBe(1);
  });

  it('int32 too; other permutations go to tfjs', async () => {
    const ints = Int32Array.from({ length: 24 }, (_, i) => i * 3 - 7);
    expect(await transposeOn('simd', ints, [4, 6], [1, 0])).toEqual(
      await transposeOn('cpu', ints, [4, 6], [1, 0]),
    );
    const values = operand([2, 3, 4], 42).values;
    const [calls] = await countCalls(['transpose_last_two'], async () => {
      for (const perm of [
        [1, 0, 2],
        [2, 0, 1],
        [0, 1, 2],
      ]) {
        expect(await transposeOn('simd', values, [2, 3, 4], perm)).toEqual(
          await transposeOn('cpu', values, [2, 3, 4], perm),
        );
      }
    });
    expect(calls).toBe(0);
  });
});
