import * as tf from '@tensorflow/tfjs-core';
import { exampleSize, validateSplit } from '../split/split-utils';
import type { LabeledSplit } from '../types';

/** A batch as tensors: the caller owns (and disposes) both. */
export interface TensorBatch {
  /** `[B, ...exampleShape]` float32. */
  x: tf.Tensor;
  /** `[B]` int32 class labels. */
  labels: tf.Tensor1D;
}

/**
 * Gathers the examples at `indices` (default: all, in order) into tensors `x` `[B, ...exampleShape]` float32
 * and `labels` `[B]` int32. Copies the data; the split is not modified. Indices must be integers in
 * `[0, split.size)`; an empty batch is an error.
 */
export function toBatch(split: LabeledSplit, indices?: ArrayLike<number>): TensorBatch {
  validateSplit(split, 'split');
  const d = exampleSize(split);
  if (!indices) {
    return {
      x: tf.tensor(split.x.slice(), [split.size, ...split.exampleShape], 'float32'),
      labels: tf.tensor1d(split.labels.slice(), 'int32'),
    };
  }
  if (indices.length === 0) throw new RangeError('toBatch: indices is empty; a batch needs at least one example');
  const x = new Float32Array(indices.length * d);
  const labels = new Int32Array(indices.length);
  for (let row = 0; row < indices.length; row++) {
    const index = indices[row];
    if (!Number.isInteger(index) || index < 0 || index >= split.size) {
      throw new RangeError(`toBatch: indices[${row}] = ${index} is outside [0, ${split.size})`);
    }
    x.set(split.x.subarray(index * d, index * d + d), row * d);
    labels[row] = split.labels[index];
  }
  return {
    x: tf.tensor(x, [indices.length, ...split.exampleShape], 'float32'),
    labels: tf.tensor1d(labels, 'int32'),
  };
}
