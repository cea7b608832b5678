import type * as tf from '@tensorflow/tfjs-core';

/**
 * What a trainer draws batches from: a fixed number of steps per epoch, the index batches of
 * an epoch (deterministic in `(epoch, seed)`), and the tensors of one index batch.
 */
export interface BatchSource {
  /** Examples drawn from. */
  readonly size: number;
  /** Batches in one epoch. */
  readonly stepsPerEpoch: number;
  /** The index batches of an epoch, the same for the same `(epoch, seed)`. */
  epochBatches(epoch: number, seed: number): Int32Array[];
  /** The caller disposes the returned tensors (the trainer does so inside `tf.tidy`). */
  batch(indices: Int32Array): { x: tf.Tensor; labels: tf.Tensor1D };
}
