import * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { assertBatch, assertRng } from '../internal/validation';

/** Applies augmentations in order, each to the previous one's output, drawing from one rng in sequence. */
export class Compose implements Augmentation {
  readonly name = 'Compose';
  readonly steps: readonly Augmentation[];

  constructor(steps: readonly Augmentation[]) {
    if (!Array.isArray(steps)) throw new TypeError(`Compose: argument 'steps' must be an array of augmentations`);
    steps.forEach((step, i) => {
      if (!step || typeof (step as Augmentation).apply !== 'function') {
        throw new TypeError(`Compose: argument 'steps[${i}]' must be an Augmentation (an object with apply(batch, rng))`);
      }
    });
    this.steps = [...steps];
  }

  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertBatch(batch, this.name, { minRank: 1, layout: '[B, ...]' });
    assertRng(rng, this.name);
    if (this.steps.length === 0) return tf.clone(batch);
    // Release each intermediate as soon as the next step has consumed it (lower peak memory than one tidy).
    let x = batch;
    try {
      for (const step of this.steps) {
        const next = step.apply(x, rng);
        if (x !== batch) x.dispose();
        x = next;
      }
    } catch (error) {
      if (x !== batch) x.dispose();
      throw error;
    }
    return x;
  }

  /** The step names, e.g. `Compose(RandomResizedCrop, RandomHorizontalFlip)`. */
  toString(): string {
    return `Compose(${this.steps.map((s) => s.name).join(', ')})`;
  }
}
