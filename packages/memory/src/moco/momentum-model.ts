import * as tf from '@tensorflow/tfjs-core';
import { restoreTensor, storeTensor, type StoredTensor } from '../state/strategy-state';

/**
 * What a momentum update does with non-trainable weights (batch-norm moving statistics):
 * take the query model's (`copy`), average them like the weights (`ema`) or leave them (`keep`).
 */
export type StatisticsPolicy = 'copy' | 'ema' | 'keep';

/** A weight as a layers model exposes it (`LayerVariable`: read/write) or a plain `tf.Variable`. */
export type WeightLike =
  | tf.Variable
  | { read(): tf.Tensor; write(value: tf.Tensor): unknown; readonly shape: ReadonlyArray<number | null> };

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
  readonly trainableWeights: ReadonlyArray<WeightLike>;
  /** Every weight, including non-trainable state such as batch-norm moving statistics (saved in checkpoints). */
  readonly weights?: ReadonlyArray<WeightLike>;
  dispose?(): void;
}

function readWeight(weight: WeightLike): tf.Tensor {
  return 'read' in weight && typeof weight.read === 'function' ? weight.read() : (weight as tf.Variable);
}

function writeWeight(weight: WeightLike, value: tf.Tensor): void {
  if ('write' in weight && typeof weight.write === 'function') weight.write(value);
  else (weight as tf.Variable).assign(value);
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
  const to = target.trainableWeights;
  const from = source.trainableWeights;
  if (to.length !== from.length) {
    throw new Error(
      `momentumUpdate: key model has ${to.length} trainable weights, query model ${from.length}`,
    );
  }
  to.forEach((weight, i) => {
    const next = tf.tidy(() => {
      const current = readWeight(weight);
      const incoming = readWeight(from[i]);
      if (!tf.util.arraysEqual(current.shape, incoming.shape)) {
        throw new Error(
          `momentumUpdate: weight ${i} has shape [${current.shape}] in the key model, [${incoming.shape}] in the query model`,
        );
      }
      return tf.add(tf.mul(current, momentum), tf.mul(incoming, 1 - momentum));
    });
    writeWeight(weight, next);
    next.dispose();
  });
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
