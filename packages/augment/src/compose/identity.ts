import * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { assertBatch } from '../internal/validation';

/** Returns a copy of the batch (a new tensor sharing the data; the input stays owned by the caller). */
export class Identity implements Augmentation {
  readonly name = 'Identity';

  apply(batch: tf.Tensor, _rng?: SeededRandom): tf.Tensor {
    assertBatch(batch, this.name, { minRank: 1, layout: '[B, ...]' });
    return tf.clone(batch);
  }
}
