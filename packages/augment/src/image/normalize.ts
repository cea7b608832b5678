import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { assertImageBatch, parseOptions } from '../internal/validation';
import { defineAugmentation } from '../internal/define-augmentation';

/** Options of the class below, the single source of their defaults and validation. */
export const normalizeOptionsSchema = z
  .object({
    mean: z.array(z.number()).min(1).describe('per-channel mean (one value applies to every channel)'),
    std: z
      .array(z.number().positive())
      .min(1)
      .describe('per-channel standard deviation (one value applies to every channel)'),
  })
  .strict();
/** What the constructor and a config accept: the schema's input, defaults optional. */
export type NormalizeOptions = z.input<typeof normalizeOptionsSchema>;

/** Per-channel standardisation `(x - mean[c]) / std[c]` (deterministic; the rng is not used). */
export class Normalize implements Augmentation {
  readonly name = 'Normalize';
  /** Per-channel means subtracted. */
  readonly mean: number[];
  /** Per-channel standard deviations divided by. */
  readonly std: number[];

  constructor(options: NormalizeOptions) {
    ({ mean: this.mean, std: this.std } = parseOptions(normalizeOptionsSchema, options, this.name));
  }

  apply(batch: tf.Tensor, _rng?: SeededRandom): tf.Tensor {
    assertImageBatch(batch, this.name);
    const channels = batch.shape[3];
    const fit = (values: number[], argument: string) => {
      if (values.length === 1) return Array.from({ length: channels }, () => values[0]);
      if (values.length !== channels) {
        throw new RangeError(
          `Normalize.apply: option '${argument}' has ${values.length} values but argument 'batch' has ${channels} channels (shape [${batch.shape.join(', ')}])`,
        );
      }
      return values;
    };
    const mean = fit(this.mean, 'mean');
    const std = fit(this.std, 'std');
    // A trailing [C] operand broadcasts on the fast path of every backend.
    return tf.tidy(() => tf.div(tf.sub(batch, tf.tensor1d(mean)), tf.tensor1d(std)));
  }
}

/** The `normalize` augmentation plugin. */
export const normalizePlugin = defineAugmentation(
  'normalize', 'per-channel (x - mean) / std', normalizeOptionsSchema, (o) => new Normalize(o),
);
