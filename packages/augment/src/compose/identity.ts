import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { assertBatch } from '../internal/validation';
import { defineAugmentation } from '../internal/define-augmentation';

/** Returns a copy of the batch (a new tensor sharing the data; the input stays owned by the caller). */
export class Identity implements Augmentation {
  readonly name = 'Identity';

  apply(batch: tf.Tensor, _rng?: SeededRandom): tf.Tensor {
    assertBatch(batch, this.name, { minRank: 1, layout: '[B, ...]' });
    return tf.clone(batch);
  }
}

/** No augmentation (views are copies): useful for supervised baselines and tests. */
export function identityPreset(): Identity {
  return new Identity();
}

/** The `identity` augmentation plugin. */
export const identityPlugin = defineAugmentation(
  'identity',
  'no augmentation (views are copies)',
  z.object({}).strict(),
  () => new Identity(),
);
