import type * as tf from '@tensorflow/tfjs-core';
import {
  emaWeights,
  readWeight,
  writeWeight,
  type StatisticsPolicy,
  type StoredTensor,
  type WeightLike,
} from '@contrastive/core';
import { restoreTensor, storeTensor } from '../state/strategy-state';

export type { StatisticsPolicy };

/**
 * The part of `ContrastiveModel` (`@contrastive/encoders`: encoder + projection head) that MoCo
 * uses; any object of this shape works.
 */
export interface MomentumModel {
  /** L2-normalised embeddings `[B, D]` of inputs `[B, ...inputShape]`. */
  embed(x: tf.Tensor): tf.Tensor;
  /** A model of the same architecture with copied weights. */
  clone(): MomentumModel;
  /**
   * EMA over trainable weights, `theta <- m theta + (1 - m) theta_source`, and batch-norm moving
   * statistics by `statistics` (`ContrastiveModel.momentumUpdateFrom`). A generic update of the
   * trainable weights only is used when absent.
   */
  momentumUpdateFrom?(source: MomentumModel, momentum: number, statistics?: StatisticsPolicy): void;
  /** The weights the optimizer updates (the EMA's source and target). */
  readonly trainableWeights: ReadonlyArray<WeightLike>;
  /** Every weight, including non-trainable state such as batch-norm moving statistics (saved in checkpoints). */
  readonly weights?: ReadonlyArray<WeightLike>;
  /** Frees the model's weights. */
  dispose?(): void;
}

/**
 * `target <- m target + (1 - m) source` over the trainable weights, with the model's own
 * `momentumUpdateFrom` (and the `statistics` policy) when it has one; otherwise a generic EMA of
 * the trainable weights that leaves any other weight alone (`keep`).
 */
export function momentumUpdate(
  target: MomentumModel,
  source: MomentumModel,
  momentum: number,
  statistics: StatisticsPolicy = 'copy',
): void {
  if (typeof target.momentumUpdateFrom === 'function') {
    target.momentumUpdateFrom(source, momentum, statistics);
    return;
  }
  emaWeights(target.trainableWeights, source.trainableWeights, momentum, 'trainableWeights', 'momentumUpdate');
}

/** The weights a checkpoint of the key model holds: every weight when exposed, else the trainable ones. */
function checkpointWeights(model: MomentumModel): ReadonlyArray<WeightLike> {
  return model.weights && model.weights.length > 0 ? model.weights : model.trainableWeights;
}

/** Host copies of the key model's weights, in order. */
export async function saveWeights(model: MomentumModel): Promise<StoredTensor[]> {
  const stored: StoredTensor[] = [];
  for (const weight of checkpointWeights(model)) stored.push(await storeTensor(readWeight(weight)));
  return stored;
}

/** Writes saved weights back (same order and shapes as {@link saveWeights}). */
export function loadWeights(model: MomentumModel, stored: StoredTensor[], name: (i: number) => string): void {
  const weights = checkpointWeights(model);
  if (weights.length !== stored.length) {
    throw new Error(
      `setState: saved key model has ${stored.length} weights, this model has ${weights.length}`,
    );
  }
  weights.forEach((weight, i) => {
    const value = restoreTensor(stored[i], name(i), [...readWeight(weight).shape]);
    writeWeight(weight, value);
    value.dispose();
  });
}
