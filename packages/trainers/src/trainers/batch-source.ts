import type * as tf from '@tensorflow/tfjs-core';

/**
 * What a trainer draws batches from: a fixed number of steps per epoch, the index batches of
 * an epoch (deterministic in `(epoch, seed)`), and the tensors of one index batch.
 */
export interface BatchSource {
  readonly size: number;
  readonly stepsPerEpoch: number;
  epochBatches(epoch: number, seed: number): Int32Array[];
  /** The caller disposes the returned tensors (the trainer does so inside `tf.tidy`). */
  batch(indices: Int32Array): { x: tf.Tensor; labels: tf.Tensor1D };
}
