import * as tf from '@tensorflow/tfjs-core';
import { checkBatch, checkPositiveInt, validateInputShape } from '../../src/util/validate';
import { useCpu } from '../helpers';

useCpu();

describe('validateInputShape', () => {
  it('accepts positive integer shapes and returns a copy', () => {
    const shape = [28, 28, 1];
    const out = validateInputShape(shape, 'who');
    expect(out).toEqual(shape);
    expect(out).not.toBe(shape);
  });

  it.each([
    [[], /non-empty array/],
    ['28', /non-empty array/],
    [[28, 0, 1], /inputShape\[1\] must be a positive integer, got 0/],
    [[28, 2.5], /inputShape\[1\] must be a positive integer, got 2.5/],
    [[-1], /inputShape\[0\]/],
  ])('rejects %j', (shape, message) => {
    expect(() => validateInputShape(shape, 'enc')).toThrow(message);
  });

  it('checks the rank when asked, naming the expected layout', () => {
    expect(() => validateInputShape([28, 28], "encoder 'x'", 3, '[height, width, channels]')).toThrow(
      "encoder 'x': inputShape must have 3 axes ([height, width, channels]), got 2: [28, 28]",
    );
  });
});

describe('checkPositiveInt', () => {
  it('returns valid values and rejects others', () => {
    expect(checkPositiveInt(3, 'width', 'w')).toBe(3);
    expect(() => checkPositiveInt(0, 'width', 'w')).toThrow('w: width must be a positive integer, got 0');
  });
});

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
