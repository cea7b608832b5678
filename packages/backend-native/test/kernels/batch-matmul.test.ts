import * as tf from '@tensorflow/tfjs-core';
import { describeNative, operand, worstError } from '../support/native-harness';

const TRANSPOSES = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

/** Stored shape of an operand whose logical matrix is rows x cols. */
const stored = (batch: number[], rows: number, cols: number, transposed: boolean) =>
  transposed ? [...batch, cols, rows] : [...batch, rows, cols];

describeNative('native BatchMatMul and _FusedMatMul match the cpu backend', () => {
  it.each(TRANSPOSES)('batched [3]: transposeA %s, transposeB %s (value and both gradients)', async (ta, tb) => {
    const error = await worstError(
      (a, b) => tf.matMul(a, b, ta, tb),
      [operand(stored([3], 4, 5, ta), 1), operand(stored([3], 5, 6, tb), 2)],
    );
    expect(error).toBeLessThan(1e-5);
  });

  // tfjs' own BatchMatMul gradient does not reduce a broadcast batch (on every backend), so
  // broadcast cases compare values only.
  it.each([
    ['rank 2', [], [], true],
    ['rank 4', [2, 3], [2, 3], true],
    ['a broadcast over b (values)', [1], [3], false],
    ['b broadcast over a (values)', [3], [1], false],
  ])('%s', async (_name, batchA, batchB, gradients) => {
    const error = await worstError(
      (a, b) => tf.matMul(a, b, false, true),
      [operand(stored(batchA, 7, 9, false), 3), operand(stored(batchB, 9, 4, true), 4)],
      gradients,
    );
    expect(error).toBeLessThan(1e-5);
  });

  it.each(['linear', 'relu', 'elu'] as const)('dense layer: bias + %s (elu goes to the kernel it replaces)', async (activation) => {
    const error = await worstError(
      (a, b, bias) => tf.fused.matMul({ a, b, bias, activation }),
      [operand([6, 8], 5), operand([8, 5], 6), operand([5], 7)],
    );
    expect(error).toBeLessThan(1e-5);
  });

  it('a large product (the SupCon logits of 512 samples x 2 views)', async () => {
    const error = await worstError((z) => tf.matMul(z, z, false, true), [operand([1024, 128], 8)]);
    expect(error).toBeLessThan(1e-5);
  });
});
