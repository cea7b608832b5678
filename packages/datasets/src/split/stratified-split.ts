import type { SeededRandom } from '@contrastive/core';
import type { LabeledSplit } from '../types';
import { indicesByLabel, subsetSplit } from './split-utils';

/**
 * Seeded stratified split: within each class, a shuffled `round(testFraction * count)` examples go to test
 * (at least one when the class has two or more examples and `testFraction > 0`), the rest to train. Both
 * index lists are returned sorted, so the splits keep the input order.
 */
export function stratifiedIndices(
  labels: ArrayLike<number>,
  testFraction: number,
  rng: SeededRandom,
): { train: Int32Array; test: Int32Array } {
  if (!(testFraction >= 0 && testFraction < 1)) {
    throw new RangeError(`testFraction must be in [0, 1), got ${testFraction}`);
  }
  const train: number[] = [];
  const test: number[] = [];
  const byLabel = [...indicesByLabel(labels).entries()].sort((a, b) => a[0] - b[0]);
  for (const [, indices] of byLabel) {
    rng.shuffle(indices);
    let k = Math.round(testFraction * indices.length);
    if (testFraction > 0 && k === 0 && indices.length >= 2) k = 1;
    test.push(...indices.slice(0, k));
    train.push(...indices.slice(k));
  }
  const sorted = (a: number[]) => Int32Array.from(a.sort((p, q) => p - q));
  return { train: sorted(train), test: sorted(test) };
}

/** Splits `split` into stratified train/test splits with {@link stratifiedIndices}. */
export function stratifiedSplit(
  split: LabeledSplit,
  testFraction: number,
  rng: SeededRandom,
): { train: LabeledSplit; test: LabeledSplit } {
  const { train, test } = stratifiedIndices(split.labels, testFraction, rng);
  return { train: subsetSplit(split, train), test: subsetSplit(split, test) };
}
