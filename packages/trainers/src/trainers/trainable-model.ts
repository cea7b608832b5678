import type * as tf from '@tensorflow/tfjs-core';
import type { WeightLike } from '@contrastive/core';

/** What the trainers need of an encoder + head (`ContrastiveModel` of `@contrastive/encoders` fits). */
export interface TrainableModel {
  /** `[B, V, ...input]` -> `[B, V, D]` L2-normalised embeddings, one forward pass. */
  embedViews(views: tf.Tensor, training?: boolean): tf.Tensor;
  /** `[B, ...input]` -> `[B, F]` encoder (pre-head) features, for linear evaluation. */
  features(x: tf.Tensor, training?: boolean): tf.Tensor;
  /** Weights the optimizer updates, in a stable order. */
  readonly trainableWeights: readonly WeightLike[];
  /** Every weight including non-trainable ones (batch-norm statistics), in a stable order. */
  readonly weights: readonly WeightLike[];
}
