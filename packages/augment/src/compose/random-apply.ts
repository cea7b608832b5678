import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { drawMask } from '../internal/per-image';
import { assertBatch, assertRng, parseOptions } from '../internal/validation';

const pSchema = z.number().min(0).max(1);

/**
 * Applies `augmentation` to each item independently with probability `p` (torchvision's `RandomApply` on a
 * batch). Only the chosen items are gathered and augmented, then scattered back, so the cost scales with
 * `p`. The wrapped augmentation must preserve the item shape.
 */
export class RandomApply implements Augmentation {
  readonly name: string;
  readonly p: number;

  constructor(
    readonly augmentation: Augmentation,
    p = 0.5,
  ) {
    if (!augmentation || typeof augmentation.apply !== 'function') {
      throw new TypeError(`RandomApply: argument 'augmentation' must be an Augmentation (an object with apply(batch, rng))`);
    }
    this.p = parseOptions(z.object({ p: pSchema }), { p }, 'RandomApply').p;
    this.name = `RandomApply(${augmentation.name ?? 'augmentation'})`;
  }

  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertBatch(batch, this.name, { minRank: 1, layout: '[B, ...]' });
    assertRng(rng, this.name);
    const count = batch.shape[0];
    const mask = drawMask(rng, count, this.p);
    const chosen = mask.flatMap((m, i) => (m ? [i] : []));
    return tf.tidy(() => {
      if (chosen.length === 0) return tf.clone(batch);
      if (chosen.length === count) return this.checked(this.augmentation.apply(batch, rng), batch.shape);
      const subset = tf.gather(batch, tf.tensor1d(chosen, 'int32'));
      const augmented = this.checked(this.augmentation.apply(subset, rng), subset.shape);
      // Row i of the result: the augmented copy if chosen, else the original (one concat + one gather).
      const source = new Int32Array(count);
      let next = 0;
      for (let i = 0; i < count; i++) source[i] = mask[i] ? count + next++ : i;
      return tf.gather(tf.concat([batch, augmented]), tf.tensor1d(source, 'int32'));
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
