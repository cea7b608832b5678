import { z } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { Compose } from '../compose/compose';
import { ColorJitter } from '../image/color-jitter';
import { RandomHorizontalFlip } from '../image/flip';
import { GaussianBlur } from '../image/gaussian-blur';
import { Normalize } from '../image/normalize';
import { RandomGrayscale } from '../image/random-grayscale';
import { RandomResizedCrop } from '../image/random-resized-crop';
import { defineAugmentation } from '../internal/define-augmentation';
import { sizeSchema } from '../internal/schemas';
import { parseOptions } from '../internal/validation';
import { normalizeStepSchema } from './normalize-step';

/** Options of the `simclr` preset. */
export const simclrPresetSchema = z
  .object({
    size: sizeSchema,
    strength: z.number().nonnegative().default(1).describe('colour distortion strength s'),
    blur: z.boolean().default(true).describe('include the Gaussian blur (SimCLR drops it for CIFAR)'),
    normalize: normalizeStepSchema,
  })
  .strict();

/**
 * SimCLR (Chen et al. 2020, appendix A): RandomResizedCrop(scale 0.08-1), horizontal flip p 0.5,
 * ColorJitter(0.8s, 0.8s, 0.8s, 0.2s) with p 0.8, RandomGrayscale p 0.2, GaussianBlur (kernel 10% of the
 * size, sigma 0.1-2) with p 0.5.
 */
export function simclrPreset(options: z.input<typeof simclrPresetSchema> = {}): Compose {
  const { size, strength: s, blur, normalize } = parseOptions(simclrPresetSchema, options, 'simclr');
  const steps: Augmentation[] = [
    new RandomResizedCrop({ size, scale: [0.08, 1] }),
    new RandomHorizontalFlip({ p: 0.5 }),
    new ColorJitter({ brightness: 0.8 * s, contrast: 0.8 * s, saturation: 0.8 * s, hue: Math.min(0.2 * s, 0.5), p: 0.8 }),
    new RandomGrayscale({ p: 0.2 }),
  ];
  if (blur) steps.push(new GaussianBlur({ sigma: [0.1, 2], p: 0.5 }));
  if (normalize) steps.push(new Normalize(normalize));
  return new Compose(steps);
}

/** The `simclr` preset plugin. */
export const simclrPresetPlugin = defineAugmentation(
  'simclr',
  'SimCLR preset: crop 0.08-1, flip, jitter 0.8s p 0.8, gray 0.2, blur p 0.5',
  simclrPresetSchema,
  simclrPreset,
);
