import * as tf from '@tensorflow/tfjs-core';
import { readWeight, type StoredTensor, type WeightLike } from '@contrastive/core';
import type { TensorBundle } from '../checkpoint/tensor-bundle';

/** The core Variable behind a weight, for `tf.variableGrads` and optimizers. */
export function asVariable(weight: WeightLike): tf.Variable {
  return readWeight(weight) as tf.Variable;
}

/**
 * Weights keyed by position (`<prefix>/<i>`) rather than by name: tfjs-layers names carry
 * process-wide counters, so a model rebuilt for resume has different names but the same order.
 */
export async function weightsToBundle(weights: readonly WeightLike[], prefix: string): Promise<TensorBundle> {
  const bundle: TensorBundle = {};
  for (const [i, weight] of weights.entries()) {
    const variable = asVariable(weight);
    const values = (await variable.data()) as Float32Array | Int32Array;
    bundle[`${prefix}/${i}`] = {
      shape: [...variable.shape],
      dtype: variable.dtype === 'int32' ? 'int32' : 'float32',
      values: values.slice(),
    };
  }
  return bundle;
}

export function bundleToWeights(bundle: TensorBundle, weights: readonly WeightLike[], prefix: string): void {
  for (const [i, weight] of weights.entries()) {
    const stored: StoredTensor | undefined = bundle[`${prefix}/${i}`];
    const variable = asVariable(weight);
    if (!stored) throw new Error(`checkpoint has no tensor '${prefix}/${i}' for weight ${variable.name}`);
    if (stored.shape.join(',') !== variable.shape.join(',')) {
      throw new Error(
        `checkpoint tensor '${prefix}/${i}' has shape [${stored.shape}] but weight ${variable.name} is [${variable.shape}]: ` +
          'the checkpoint was written by a different architecture',
      );
    }
    tf.tidy(() => variable.assign(tf.tensor(stored.values, stored.shape, variable.dtype)));
  }
  const extra = Object.keys(bundle).filter((key) => key.startsWith(`${prefix}/`)).length - weights.length;
  if (extra > 0)
    throw new Error(`checkpoint holds ${extra} more '${prefix}' tensors than the model has weights`);
}
