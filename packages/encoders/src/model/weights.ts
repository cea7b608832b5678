import * as tf from '@tensorflow/tfjs-core';

/** A weight as tfjs-layers exposes it (`LayerVariable`: read/write) or a plain `tf.Variable`. */
export type WeightLike = tf.Variable | { read(): tf.Tensor; write(value: tf.Tensor): unknown; readonly shape: ReadonlyArray<number | null> };

/** The current value of a weight (not a copy: do not dispose it). */
export function readWeight(weight: WeightLike): tf.Tensor {
  return 'read' in weight && typeof weight.read === 'function' ? weight.read() : (weight as tf.Variable);
}

/** Replaces a weight's value in place (the caller still owns `value` and may dispose it). */
export function writeWeight(weight: WeightLike, value: tf.Tensor): void {
  if ('write' in weight && typeof weight.write === 'function') weight.write(value);
  else (weight as tf.Variable).assign(value);
}

/**
 * Copies `from[i]` into `to[i]` for every i; shapes must match. `what` names the list in errors.
 * The copies are fresh tensors, so source and target stay independent.
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
