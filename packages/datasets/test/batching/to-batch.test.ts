import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { toBatch } from '../../src/batching/to-batch';
import type { LabeledSplit } from '../../src/types';

beforeAll(() => tf.setBackend('cpu'));

const split: LabeledSplit = {
  x: Float32Array.from({ length: 5 * 2 * 2 * 1 }, (_, i) => i / 20),
  exampleShape: [2, 2, 1],
  labels: Int32Array.from([4, 3, 2, 1, 0]),
  size: 5,
};

describe('toBatch', () => {
  it('gathers [B, ...exampleShape] float32 and int32 labels in index order', () => {
    const { x, labels } = toBatch(split, [3, 0]);
    expect(x.shape).toEqual([2, 2, 2, 1]);
    expect(x.dtype).toBe('float32');
    expect(labels.dtype).toBe('int32');
    expect(Array.from(labels.dataSync())).toEqual([1, 4]);
    expect(Array.from(x.dataSync().slice(0, 4))).toEqual(Array.from(split.x.slice(12, 16)));
    tf.dispose([x, labels]);
  });

  it('without indices takes the whole split, copying it', () => {
    const { x, labels } = toBatch(split);
    expect(x.shape).toEqual([5, 2, 2, 1]);
    expect(labels.shape).toEqual([5]);
    tf.dispose([x, labels]);
  });

  it('rejects out-of-range, fractional and empty indices', () => {
    expect(() => toBatch(split, [0, 5])).toThrow(/indices\[1\] = 5 is outside \[0, 5\)/);
    expect(() => toBatch(split, [0.5])).toThrow(/indices\[0\] = 0.5/);
    expect(() => toBatch(split, [])).toThrow(/indices is empty/);
  });

  it('creates exactly the two returned tensors (no leaks)', () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(Object.values(toBatch(split, [1, 2])));
    expect(tf.memory().numTensors).toBe(before);
  });
});
