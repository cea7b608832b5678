import { tf, allFinite } from '../setup';
import { equalityMask, indexMask, l2Normalize, maskBias, maskedLogSumExp, repeatMatrix } from '../../src/internal/math';

describe('internal math', () => {
  it('equalityMask compares integer labels, including negative and large ids', () => {
    const a = tf.tensor1d([3, -2, 1000000, 3], 'int32');
    const b = tf.tensor1d([3, 1000001, -2], 'int32');
    expect(equalityMask(a, b).arraySync()).toEqual([[1, 0, 0], [0, 0, 1], [0, 0, 0], [1, 0, 0]]);
  });

  it('indexMask puts `on` at (i, index[i]), nothing for -1, and works for one column', () => {
    expect(indexMask(tf.tensor1d([1, -1, 0], 'int32'), 3, 5).arraySync()).toEqual([[0, 5, 0], [0, 0, 0], [5, 0, 0]]);
    expect(indexMask(tf.tensor1d([0, -1], 'int32'), 1).arraySync()).toEqual([[1], [0]]);
  });

  it('repeatMatrix tiles by concatenation', () => {
    expect(repeatMatrix(tf.tensor2d([[1, 2]]), 2, 2).arraySync()).toEqual([[1, 2, 1, 2], [1, 2, 1, 2]]);
  });

  it('maskedLogSumExp equals log-sum-exp over the kept entries and stays finite for an empty row', () => {
    const logits = tf.tensor2d([[1, 2, 3], [100, -100, 50]]);
    const bias = maskBias(tf.tensor2d([[1, 0, 1], [0, 0, 0]]));
    const out = maskedLogSumExp(logits, bias).dataSync();
    expect(out[0]).toBeCloseTo(Math.log(Math.exp(1) + Math.exp(3)), 5);
    expect(Number.isFinite(out[1])).toBe(true);
  });

  it('l2Normalize has unit rows and a finite gradient at zero', () => {
    const x = tf.tensor2d([[3, 4], [0, 0]]);
    expect(l2Normalize(x).arraySync()).toEqual([[0.6000000238418579, 0.800000011920929], [0, 0]]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(l2Normalize(v as tf.Tensor2D)))(x);
    expect(allFinite(g.dataSync())).toBe(true);
  });
});
