import * as tf from '@tensorflow/tfjs-core';
import { checkBatch } from '../../src/util/validate';
import { useCpu } from '../helpers';

useCpu();

describe('checkBatch', () => {
  it('accepts [B, ...shape] and [B, V, ...shape]', () => {
    const x = tf.zeros([2, 3, 4]);
    expect(() => checkBatch(x, [3, 4], 'x', 'who')).not.toThrow();
    expect(() => checkBatch(x, [4], 'views', 'who', 2)).not.toThrow();
    x.dispose();
  });

  it('names expected and actual shape and dtype', () => {
    const x = tf.zeros([2, 5]);
    expect(() => checkBatch(x, [4], 'x', 'M.embed')).toThrow('M.embed: x must have shape [B, 4], got [2, 5]');
    expect(() => checkBatch(x, [5], 'views', 'M.embedViews', 2)).toThrow('views must have shape [B, V, 5], got [2, 5]');
    const i = tf.zeros([2, 4], 'int32');
    expect(() => checkBatch(i, [4], 'x', 'M')).toThrow('M: x must be float32, got int32');
    expect(() => checkBatch([1, 2] as unknown as tf.Tensor, [4], 'x', 'M')).toThrow('x must be a tf.Tensor');
    tf.dispose([x, i]);
  });
});
