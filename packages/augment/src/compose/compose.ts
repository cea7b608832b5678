import * as tf from '@tensorflow/tfjs-core';
import { pluginRefSchema, z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { executePlan, isWindowModifier, isWindowSampler } from '../internal/crop-boxes';
import { assertAugmentation, assertBatch, assertImageBatch, assertRng } from '../internal/validation';
import { defineAugmentation } from '../internal/define-augmentation';
import { singleAugmentation } from '../views/as-view-generator';

/**
 * Applies augmentations in order, each to the previous one's output, drawing from one rng in sequence.
 *
 * Fusion: a crop (`RandomResizedCrop`, `RandomCrop`) directly followed by flips runs as ONE `cropAndResize` with
 * mirrored boxes instead of a crop pass plus a flip pass. The random draws happen in the same order, so the result
 * equals the unfused pipeline (exactly for nearest sampling, to float rounding for bilinear).
 */
export class Compose implements Augmentation {
  readonly name = 'Compose';
  /** The augmentations, applied in order. */
  readonly steps: readonly Augmentation[];

  constructor(steps: readonly Augmentation[]) {
    if (!Array.isArray(steps)) throw new TypeError(`Compose: argument 'steps' must be an array of augmentations`);
    steps.forEach((step, i) => {
      assertAugmentation(step, `Compose: argument 'steps[${i}]'`);
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
      for (let i = 0; i < this.steps.length; i++) {
        const step = this.steps[i];
        let next: tf.Tensor;
        if (isWindowSampler(step) && isWindowModifier(this.steps[i + 1])) {
          assertImageBatch(x, step.name ?? 'Compose');
          let plan = step.planWindows(x, rng);
          for (let following = this.steps[i + 1]; isWindowModifier(following); following = this.steps[i + 1]) {
            plan = following.modifyWindows(plan, rng);
            i++;
          }
          const input = x;
          next = tf.tidy(() => executePlan(input as tf.Tensor4D, plan));
        } else {
          next = step.apply(x, rng);
        }
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
    return `Compose(${this.steps.map((s, i) => s.name ?? `step ${i}`).join(', ')})`;
  }
}

/** Options of the `compose` plugin. */
export const composeOptionsSchema = z
  .object({ steps: z.array(pluginRefSchema).default([]).describe('augmentation plugins, applied in order') })
  .strict();

/** The `compose` augmentation plugin. */
export const composePlugin = defineAugmentation(
  'compose',
  'apply augmentation plugins in order',
  composeOptionsSchema,
  (options, { registry }) =>
    new Compose(
      options.steps.map((ref, i) =>
        singleAugmentation(registry.create('augmentation', ref, `augmentation.options.steps.${i}`), `augmentation.options.steps.${i}`),
      ),
    ),
);
