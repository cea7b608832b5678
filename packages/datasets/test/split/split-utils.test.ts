import { classCounts, subsetSplit, validateSplit } from '../../src/split/split-utils';
import { stratifiedIndices } from '../../src/split/stratified-split';
import { SeededRandom } from '@contrastive/core';
import type { LabeledSplit } from '../../src/types';

const split: LabeledSplit = {
  x: Float32Array.from({ length: 12 }, (_, i) => i),
  exampleShape: [2],
  labels: Int32Array.from([0, 1, 0, 1, 2, 2]),
  size: 6,
};

describe('split utilities', () => {
  it('validateSplit names the argument and the expected vs actual length', () => {
    expect(() => validateSplit(split)).not.toThrow();
    expect(() => validateSplit({ ...split, size: 5 }, 'train')).toThrow(/train.labels has length 6, expected size 5/);
    expect(() => validateSplit({ ...split, exampleShape: [3] }, 'train')).toThrow(/train.x has length 12, expected .* = 18/);
    expect(() => validateSplit({ ...split, x: [1] as unknown as Float32Array })).toThrow(/expected \{ x: Float32Array/);
  });

  it('subsetSplit copies rows in the given order and rejects bad indices', () => {
    const sub = subsetSplit(split, [4, 0]);
    expect(Array.from(sub.x)).toEqual([8, 9, 0, 1]);
    expect(Array.from(sub.labels)).toEqual([2, 0]);
    expect(() => subsetSplit(split, [6])).toThrow(/indices\[0\] = 6 is outside \[0, 6\)/);
  });

  it('stratifiedIndices keeps class proportions, is deterministic and partitions the data', () => {
    const labels = Array.from({ length: 100 }, (_, i) => i % 4);
    const a = stratifiedIndices(labels, 0.2, new SeededRandom(3));
    const b = stratifiedIndices(labels, 0.2, new SeededRandom(3));
    expect(a).toEqual(b);
    expect(classCounts(Array.from(a.test, (i) => labels[i]))).toEqual([5, 5, 5, 5]);
    expect([...a.train, ...a.test].sort((p, q) => p - q)).toEqual(labels.map((_, i) => i));
    expect(stratifiedIndices(labels, 0.2, new SeededRandom(4)).test).not.toEqual(a.test);
    expect(() => stratifiedIndices(labels, 1, new SeededRandom(0))).toThrow(/testFraction must be in \[0, 1\)/);
  });
});
