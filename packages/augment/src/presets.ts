import { z } from '@contrastive/core';
import type { Augmentation } from './augmentation';
import { Compose } from './compose/compose';
import { Identity } from './compose/identity';
import { ColorJitter } from './image/color-jitter';
import { RandomHorizontalFlip } from './image/flip';
import { GaussianBlur } from './image/gaussian-blur';
import { Normalize, normalizeOptionsSchema } from './image/normalize';
import { RandomCrop } from './image/random-crop';
import { RandomGrayscale } from './image/random-grayscale';
import { RandomResizedCrop } from './image/random-resized-crop';
import { sizeSchema } from './internal/schemas';
import { FeatureDropout } from './tabular/feature-dropout';
import { GaussianNoise } from './tabular/gaussian-noise';
import { RandomScaling } from './tabular/random-scaling';
import { parseOptions } from './internal/validation';

const normalizeOption = normalizeOptionsSchema.optional().describe('append a per-channel Normalize step');

export const simclrPresetSchema = z
  .object({
    size: sizeSchema,
    strength: z.number().nonnegative().default(1).describe('colour distortion strength s'),
    blur: z.boolean().default(true).describe('include the Gaussian blur (SimCLR drops it for CIFAR)'),
    normalize: normalizeOption,
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

export const supconCifarPresetSchema = z.object({ size: sizeSchema, normalize: normalizeOption }).strict();

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

export const tabularPresetSchema = z
  .object({
    noise: z.number().nonnegative().default(0.05).describe('Gaussian noise std (features assumed standardised)'),
    dropout: z.number().min(0).max(1).default(0.2).describe('feature masking probability'),
    fill: z.enum(['zero', 'marginal']).default('marginal').describe('masked entries: zero or SCARF marginal'),
    scaling: z
      .tuple([z.number().nonnegative(), z.number().nonnegative()])
      .default([0.9, 1.1])
      .describe('per-row scaling range'),
  })
  .strict();

/**
 * Vector/tabular views: SCARF-style feature corruption (20% of entries replaced from the batch marginal), per-row
 * scaling 0.9-1.1 and Gaussian noise std 0.05.
 */
export function tabularPreset(options: z.input<typeof tabularPresetSchema> = {}): Compose {
  const { noise, dropout, fill, scaling } = parseOptions(tabularPresetSchema, options, 'tabular');
  return new Compose([
    new FeatureDropout({ p: dropout, fill }),
    new RandomScaling({ range: scaling }),
    new GaussianNoise({ std: noise }),
  ]);
}

/** No augmentation (views are copies): useful for supervised baselines and tests. */
export function identityPreset(): Identity {
  return new Identity();
}
