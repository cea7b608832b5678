import * as tf from '@tensorflow/tfjs-core';

/**
 * A model weight as the packages handle it: a tfjs-layers `LayerVariable` (read/write) or a
 * plain `tf.Variable`. One definition for encoders (momentum updates), memory (MoCo's key model)
 * and trainers (checkpoints, optimizers).
 */
export type WeightLike =
  | tf.Variable
  | { read(): tf.Tensor; write(value: tf.Tensor): unknown; readonly shape: ReadonlyArray<number | null> };

/**
 * What a momentum update does with non-trainable weights (batch-norm moving statistics): take
 * the source model's (`copy`), average them like the weights (`ema`) or leave them (`keep`).
 */
export type StatisticsPolicy = 'copy' | 'ema' | 'keep';

/** The current value of a weight: for a `LayerVariable` its backing `tf.Variable`. Not a copy: do not dispose it. */
export function readWeight(weight: WeightLike): tf.Tensor {
  return 'read' in weight && typeof weight.read === 'function' ? weight.read() : (weight as tf.Variable);
}

/** Replaces a weight's value in place (the caller still owns `value` and may dispose it). */
export function writeWeight(weight: WeightLike, value: tf.Tensor): void {
  if ('write' in weight && typeof weight.write === 'function') weight.write(value);
  else (weight as tf.Variable).assign(value);
}

/**
 * Copies `from[i]` into `to[i]` for every i; shapes must match. `what` names the list and `who`
 * the caller in errors. The copies are fresh tensors, so source and target stay independent.
 */
export function copyWeights(to: readonly WeightLike[], from: readonly WeightLike[], what: string, who: string): void {
  if (to.length !== from.length) {
    throw new Error(`${who}: ${what}: this model has ${to.length} weights, the other ${from.length} (different architectures?)`);
  }
  const sources = from.map(readWeight);
  to.forEach((weight, i) => {
    const target = readWeight(weight);
    if (!tf.util.arraysEqual(target.shape, sources[i].shape)) {
      throw new Error(`${who}: ${what}[${i}] has shape [${target.shape}] here, [${sources[i].shape}] in the other model`);
    }
  });
  to.forEach((weight, i) => {
    const copy = tf.clone(sources[i]);
    writeWeight(weight, copy);
    copy.dispose();
  });
}

/**
 * Exponential moving average in place, `to[i] <- m to[i] + (1 - m) from[i]` (MoCo's key encoder,
 * BYOL's target); shapes must match. `what` names the list and `who` the caller in errors.
 */
export function emaWeights(
  to: readonly WeightLike[],
  from: readonly WeightLike[],
  momentum: number,
  what: string,
  who: string,
): void {
  if (to.length !== from.length) {
    throw new Error(`${who}: ${what}: this model has ${to.length}, the source ${from.length} (different architectures?)`);
  }
  to.forEach((weight, i) => {
    const next = tf.tidy(() => {
      const current = readWeight(weight);
      const incoming = readWeight(from[i]);
      if (!tf.util.arraysEqual(current.shape, incoming.shape)) {
        throw new Error(`${who}: ${what}[${i}] has shape [${current.shape}] here, [${incoming.shape}] in the source`);
      }
      return tf.add(tf.mul(current, momentum), tf.mul(incoming, 1 - momentum));
    });
    writeWeight(weight, next);
    next.dispose();
  });
}
