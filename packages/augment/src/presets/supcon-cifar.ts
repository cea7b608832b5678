import { z } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { Compose } from '../compose/compose';
import { ColorJitter } from '../image/color-jitter';
import { RandomHorizontalFlip } from '../image/flip';
import { Normalize } from '../image/normalize';
import { RandomGrayscale } from '../image/random-grayscale';
import { RandomResizedCrop } from '../image/random-resized-crop';
import { defineAugmentation } from '../internal/define-augmentation';
import { sizeSchema } from '../internal/schemas';
import { parseOptions } from '../internal/validation';
import { normalizeStepSchema } from './normalize-step';

/** Options of the `supcon-cifar` preset. */
export const supconCifarPresetSchema = z.object({ size: sizeSchema, normalize: normalizeStepSchema }).strict();

/**
 * SupContrast's CIFAR training transform: RandomResizedCrop(scale 0.2-1), horizontal flip, ColorJitter(0.4,
 * 0.4, 0.4, 0.1) with p 0.8, RandomGrayscale p 0.2 (then, optionally, Normalize with the dataset statistics).
 */
export function supconCifarPreset(options: z.input<typeof supconCifarPresetSchema> = {}): Compose {
  const { size, normalize } = parseOptions(supconCifarPresetSchema, options, 'supcon-cifar');
  const steps: Augmentation[] = [
    new RandomResizedCrop({ size, scale: [0.2, 1] }),
    new RandomHorizontalFlip({ p: 0.5 }),
    new ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, p: 0.8 }),
    new RandomGrayscale({ p: 0.2 }),
  ];
  if (normalize) steps.push(new Normalize(normalize));
  return new Compose(steps);
}

/** The `supcon-cifar` preset plugin. */
export const supconCifarPresetPlugin = defineAugmentation(
  'supcon-cifar',
  'SupContrast CIFAR preset: crop 0.2-1, flip, jitter(0.4,0.4,0.4,0.1) p 0.8, gray 0.2',
  supconCifarPresetSchema,
  supconCifarPreset,
);
