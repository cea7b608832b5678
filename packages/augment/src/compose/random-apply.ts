import * as tf from '@tensorflow/tfjs-core';
import { pluginRefSchema, z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { drawMask, perImageScalar } from '../internal/per-image';
import { assertAugmentation, assertBatch, assertRng, parseOptions } from '../internal/validation';
import { defineAugmentation } from '../internal/define-augmentation';
import { singleAugmentation } from '../views/as-view-generator';

const pSchema = z.number().min(0).max(1);

/**
 * Applies `augmentation` to each item independently with probability `p` (torchvision's `RandomApply` on a
 * batch). The wrapped augmentation runs on the whole batch (its draws are for every item), then each item keeps
 * the augmented or the original version: `a * m + x * (1 - m)` with a per-item 0/1 `m`, exact either way.
 * We measured the alternative, gathering only the chosen items and scattering them back, at ~50 ms for 256
 * 32x32x3 images on wasm (gather + concat), more than most augmentations cost on the full batch. Ops with a
 * built-in `p` (flips, jitter, grayscale, blur, solarize) are cheaper still. The wrapped augmentation must
 * preserve the item shape.
 */
export class RandomApply implements Augmentation {
  readonly name: string;
  /** Probability of applying the augmentation to a sample. */
  readonly p: number;

  constructor(
    /** The augmentation applied to the chosen samples. */
    readonly augmentation: Augmentation,
    p = 0.5,
  ) {
    assertAugmentation(augmentation, "RandomApply: argument 'augmentation'");
    this.p = parseOptions(z.object({ p: pSchema }), { p }, 'RandomApply').p;
    this.name = `RandomApply(${augmentation.name ?? 'augmentation'})`;
  }

  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertBatch(batch, this.name, { minRank: 1, layout: '[B, ...]' });
    assertRng(rng, this.name);
    const count = batch.shape[0];
    const mask = drawMask(rng, count, this.p);
    return tf.tidy(() => {
      if (!mask.some(Boolean)) return tf.clone(batch);
      const augmented = this.checked(this.augmentation.apply(batch, rng), batch.shape);
      if (mask.every(Boolean)) return augmented;
      const take = perImageScalar(mask.map((m) => (m ? 1 : 0)), batch.shape);
      const keep = perImageScalar(mask.map((m) => (m ? 0 : 1)), batch.shape);
      return tf.add(tf.mul(augmented, take), tf.mul(batch, keep));
    });
  }

  private checked(output: tf.Tensor, expected: readonly number[]): tf.Tensor {
    if (output.shape.length !== expected.length || output.shape.some((d, i) => d !== expected[i])) {
      const got = output.shape;
      output.dispose();
      throw new RangeError(
        `${this.name}: the wrapped augmentation must preserve the shape [${expected.join(', ')}]; it returned [${got.join(', ')}]`,
      );
    }
    return output;
  }
}

/** Options of the `random-apply` plugin. */
export const randomApplyOptionsSchema = z
  .object({
    augmentation: pluginRefSchema.describe('the augmentation plugin to apply'),
    p: pSchema.default(0.5).describe('probability that an item is augmented'),
  })
  .strict();

/** The `random-apply` augmentation plugin. */
export const randomApplyPlugin = defineAugmentation(
  'random-apply',
  'apply an augmentation plugin to each item with probability p',
  randomApplyOptionsSchema,
  (options, { registry }) =>
    new RandomApply(
      singleAugmentation(
        registry.create('augmentation', options.augmentation, 'augmentation.options.augmentation'),
        'augmentation.options.augmentation',
      ),
      options.p,
    ),
);
