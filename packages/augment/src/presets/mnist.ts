import { z } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { Compose } from '../compose/compose';
import { ColorJitter } from '../image/color-jitter';
import { RandomHorizontalFlip } from '../image/flip';
import { RandomCrop } from '../image/random-crop';
import { defineAugmentation } from '../internal/define-augmentation';
import { parseOptions } from '../internal/validation';

/** Options of the `mnist` preset. */
export const mnistPresetSchema = z
  .object({
    padding: z.number().int().nonnegative().default(2).describe('zero padding of the random crop'),
    flip: z.boolean().default(true).describe('random horizontal flip (fine for Fashion-MNIST; disable for digits)'),
    jitter: z.number().min(0).max(1).default(0).describe('brightness/contrast jitter strength (0 = off)'),
  })
  .strict();

/**
 * Small-image recipe for MNIST / Fashion-MNIST: RandomCrop with 2 pixels of zero padding (a random shift of up to
 * +-2 px) and a horizontal flip p 0.5 (garments are left-right symmetric; set `flip: false` for digits),
 * optionally a brightness/contrast jitter. We chose pad-crop + flip over a small affine: it is the
 * established recipe, exact (no resampling blur at 28x28) and one cheap kernel per op.
 */
export function mnistPreset(options: z.input<typeof mnistPresetSchema> = {}): Compose {
  const { padding, flip, jitter } = parseOptions(mnistPresetSchema, options, 'mnist');
  const steps: Augmentation[] = [new RandomCrop({ padding })];
  if (flip) steps.push(new RandomHorizontalFlip({ p: 0.5 }));
  if (jitter > 0) steps.push(new ColorJitter({ brightness: jitter, contrast: jitter, p: 0.8 }));
  return new Compose(steps);
}

/** The `mnist` preset plugin. */
export const mnistPresetPlugin = defineAugmentation(
  'mnist',
  'MNIST/Fashion-MNIST preset: pad-2 random crop + horizontal flip',
  mnistPresetSchema,
  mnistPreset,
);
