import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { executePlan, type WindowModifier, type WindowPlan } from '../internal/crop-boxes';
import { drawMask } from '../internal/per-image';
import { assertImageBatch, assertRng, parseOptions } from '../internal/validation';
import { defineAugmentation } from '../internal/define-augmentation';

/** Options of both flips. */
export const flipOptionsSchema = z
  .object({ p: z.number().min(0).max(1).default(0.5).describe('probability that an image is flipped') })
  .strict();
/** What the constructor and a config accept: the schema's input, defaults optional. */
export type FlipOptions = z.input<typeof flipOptionsSchema>;

abstract class RandomFlip implements Augmentation, WindowModifier {
  abstract readonly name: string;
  /** Probability of flipping a sample. */
  readonly p: number;
  protected abstract readonly axis: 'x' | 'y';

  constructor(options: FlipOptions = {}, owner: string) {
    this.p = parseOptions(flipOptionsSchema, options, owner).p;
  }

  /**
   * Flips each image with probability `p`. Batched as one `cropAndResize` (nearest, exact pixel copies) whose
   * box is mirrored for the chosen images: cheaper than `reverse` + `where` on every backend we measured.
   * Inside a {@link Compose} right after a crop, the flip is fused into the crop's boxes (no extra pass).
   */
  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertImageBatch(batch, this.name);
    assertRng(rng, this.name);
    const [count, height, width] = batch.shape;
    const identity: WindowPlan = {
      windows: Array.from({ length: count }, () => ({ top: 0, left: 0, height, width })),
      outHeight: height,
      outWidth: width,
      method: 'nearest',
      exact: true,
    };
    const plan = this.modifyWindows(identity, rng);
    return tf.tidy(() =>
      plan.windows.some((w) => w.flipX || w.flipY) ? executePlan(batch, plan) : tf.clone(batch),
    );
  }

  /** Mirrors the windows of the chosen images (drawing the same numbers as `apply`). */
  modifyWindows(plan: WindowPlan, rng: { next(): number }): WindowPlan {
    const mask = drawMask(rng, plan.windows.length, this.p);
    const key = this.axis === 'x' ? 'flipX' : 'flipY';
    return { ...plan, windows: plan.windows.map((w, i) => (mask[i] ? { ...w, [key]: !w[key] } : w)) };
  }
}

/** Mirrors each image left-right with probability `p` (default 0.5). */
export class RandomHorizontalFlip extends RandomFlip {
  /** Name in error messages. */
  readonly name = 'RandomHorizontalFlip';
  /** The image axis flipped. */
  protected readonly axis = 'x';
  constructor(options: FlipOptions = {}) {
    super(options, 'RandomHorizontalFlip');
  }
}

/** Mirrors each image up-down with probability `p` (default 0.5). */
export class RandomVerticalFlip extends RandomFlip {
  /** Name in error messages. */
  readonly name = 'RandomVerticalFlip';
  /** The image axis flipped. */
  protected readonly axis = 'y';
  constructor(options: FlipOptions = {}) {
    super(options, 'RandomVerticalFlip');
  }
}

/** The `horizontal-flip` augmentation plugin. */
export const horizontalFlipPlugin = defineAugmentation(
  'horizontal-flip', 'left-right flip with probability p', flipOptionsSchema, (o) => new RandomHorizontalFlip(o),
);

/** The `vertical-flip` augmentation plugin. */
export const verticalFlipPlugin = defineAugmentation(
  'vertical-flip', 'up-down flip with probability p', flipOptionsSchema, (o) => new RandomVerticalFlip(o),
);
