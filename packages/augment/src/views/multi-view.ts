import * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { assertAugmentation, assertBatch, assertRng } from '../internal/validation';
import type { ViewGenerator, ViewGroup } from './view-groups';

/**
 * Produces `views` independently augmented copies of a batch, stacked as `[B, V, ...]` (the layout the losses
 * take). Views are drawn one after another from the same rng, so the same seed gives the same views and
 * different views get different random parameters.
 */
export class MultiView implements ViewGenerator {
  /** Name in error messages. */
  readonly name = 'MultiView';
  /** Views made of each sample. */
  readonly views: number;

  constructor(
    /** The augmentation applied independently to make each view. */
    readonly pipeline: Augmentation,
    views = 2,
  ) {
    assertAugmentation(pipeline, "MultiView: argument 'pipeline'");
    if (!Number.isInteger(views) || views < 1) {
      throw new RangeError(`MultiView: argument 'views' must be a positive integer; got ${views}`);
    }
    this.views = views;
  }

  get viewCount(): number {
    return this.views;
  }

  /** `[B, ...] -> [B, V, ...]`; the input is not disposed. */
  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertBatch(batch, 'MultiView', { minRank: 1, layout: '[B, ...]' });
    assertRng(rng, 'MultiView');
    return tf.tidy(() => {
      const outputs = Array.from({ length: this.views }, () => this.pipeline.apply(batch, rng));
      return tf.stack(outputs, 1);
    });
  }

  /** One group holding every view. */
  generate(batch: tf.Tensor, rng: SeededRandom): ViewGroup[] {
    return [{ views: this.apply(batch, rng), viewIndices: Array.from({ length: this.views }, (_, i) => i) }];
  }
}
