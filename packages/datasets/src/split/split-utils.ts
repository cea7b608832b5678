import type { LabeledSplit } from '../types';

/** Number of values in one example: the product of `exampleShape`. */
export function exampleSize(split: Pick<LabeledSplit, 'exampleShape'>): number {
  return split.exampleShape.reduce((a, b) => a * b, 1);
}

/**
 * Checks that a split is self-consistent (`x.length === size * prod(exampleShape)`, `labels.length === size`,
 * integer non-negative shape). Throws an Error naming `argName` and the expected vs actual lengths.
 */
export function validateSplit(split: LabeledSplit, argName = 'split'): void {
  if (!split || !(split.x instanceof Float32Array) || !(split.labels instanceof Int32Array)) {
    throw new Error(`${argName}: expected { x: Float32Array, labels: Int32Array, exampleShape, size }`);
  }
  if (!Array.isArray(split.exampleShape) || split.exampleShape.some((d) => !Number.isInteger(d) || d <= 0)) {
    throw new Error(`${argName}.exampleShape must be positive integers, got [${split.exampleShape}]`);
  }
  if (!Number.isInteger(split.size) || split.size < 0) throw new Error(`${argName}.size must be a non-negative integer, got ${split.size}`);
  if (split.labels.length !== split.size) {
    throw new Error(`${argName}.labels has length ${split.labels.length}, expected size ${split.size}`);
  }
  const expected = split.size * exampleSize(split);
  if (split.x.length !== expected) {
    throw new Error(
      `${argName}.x has length ${split.x.length}, expected size * prod(exampleShape) = ${split.size} * ${exampleSize(split)} = ${expected}`,
    );
  }
}

/** A new split holding copies of the examples at `indices` (in that order). */
export function subsetSplit(split: LabeledSplit, indices: ArrayLike<number>): LabeledSplit {
  const d = exampleSize(split);
  const x = new Float32Array(indices.length * d);
  const labels = new Int32Array(indices.length);
  for (let row = 0; row < indices.length; row++) {
    const index = indices[row];
    if (!Number.isInteger(index) || index < 0 || index >= split.size) {
      throw new RangeError(`indices[${row}] = ${index} is outside [0, ${split.size})`);
    }
    x.set(split.x.subarray(index * d, (index + 1) * d), row * d);
    labels[row] = split.labels[index];
  }
  return { x, exampleShape: split.exampleShape.slice(), labels, size: indices.length };
}

/** Number of examples of each class (length `numClasses`, default max label + 1). */
export function classCounts(labels: ArrayLike<number>, numClasses?: number): number[] {
  let k = numClasses ?? 0;
  if (numClasses === undefined) for (let i = 0; i < labels.length; i++) k = Math.max(k, labels[i] + 1);
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}

/** Indices of each label, in order: `map.get(label)` lists the positions holding it. */
export function indicesByLabel(labels: ArrayLike<number>): Map<number, number[]> {
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byLabel.get(labels[i]);
    if (list) list.push(i);
    else byLabel.set(labels[i], [i]);
  }
  return byLabel;
}
