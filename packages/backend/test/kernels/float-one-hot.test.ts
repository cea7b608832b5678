import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../src';

describe('OneHot on wasm', () => {
  beforeAll(() => useBackend('wasm', { quiet: true, native: 'off' }));

  it('returns real float32 values for a float32 request (tfjs-backend-wasm writes int32 bit patterns)', () => {
    const ids = tf.tensor1d([0, 2, -1, 1], 'int32');
    const hot = tf.oneHot(ids, 3, 1, 0, 'float32');
    expect(hot.dtype).toBe('float32');
    expect(Array.from(hot.dataSync())).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    const scaled = tf.oneHot(ids, 3, -1e9, 0.5, 'float32');
    expect(Array.from(scaled.dataSync())).toEqual([-1e9, 0.5, 0.5, 0.5, 0.5, -1e9, 0.5, 0.5, 0.5, 0.5, -1e9, 0.5].map(Math.fround));
    tf.dispose([ids, hot, scaled]);
  });

  it('leaves int32 one-hots to the original kernel and leaks nothing', () => {
    const ids = tf.tensor1d([1, 0], 'int32');
    const before = tf.memory().numTensors;
    const hot = tf.oneHot(ids, 2, 5, 2);
    expect(hot.dtype).toBe('int32');
    expect(Array.from(hot.dataSync())).toEqual([2, 5, 5, 2]);
    hot.dispose();
    const floats = tf.oneHot(ids, 2, 1, 0, 'float32');
    floats.dispose();
    expect(tf.memory().numTensors).toBe(before);
    ids.dispose();
  });
});
