import { z } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { Compose } from '../compose/compose';
import { ColorJitter } from '../image/color-jitter';
import { RandomHorizontalFlip } from '../image/flip';
import { GaussianBlur } from '../image/gaussian-blur';
import { RandomGrayscale } from '../image/random-grayscale';
import { RandomResizedCrop } from '../image/random-resized-crop';
import { Solarize } from '../image/solarize';
import { defineAugmentation } from '../internal/define-augmentation';
import { rangeSchema, sizeSchema } from '../internal/schemas';
import { parseOptions } from '../internal/validation';
import { ViewPipelines } from '../views/view-pipelines';

const probability = z.number().min(0).max(1);

/** Options of the `byol` preset. */
export const byolPresetSchema = z
  .object({
    size: sizeSchema,
    scale: rangeSchema(Number.MIN_VALUE, 1, 'crop area fraction, [low, high]').default([0.08, 1]),
    blur: z.tuple([probability, probability]).default([1, 0.1]).describe('blur probability of view 1 and view 2'),
    solarize: z.tuple([probability, probability]).default([0, 0.2]).describe('solarize probability of view 1 and view 2'),
    color: z.boolean().default(true).describe('colour jitter (0.4, 0.4, 0.2, 0.1) p 0.8 and grayscale p 0.2'),
  })
  .strict();

/**
 * One of BYOL's two view pipelines (Grill et al. 2020, table 6): random resized crop, flip p 0.5,
 * colour jitter (0.4, 0.4, 0.2, 0.1) p 0.8, grayscale p 0.2, then the view's own blur and solarize
 * probabilities. Exported so multi-crop builds its global crops the same way.
 */
export function byolViewPipeline(options: {
  size?: number | [number, number];
  scale: [number, number];
  blur: number;
  solarize: number;
  color: boolean;
}): Compose {
  const steps: Augmentation[] = [
    new RandomResizedCrop({ size: options.size, scale: options.scale }),
    new RandomHorizontalFlip({ p: 0.5 }),
  ];
  if (options.color) {
    steps.push(new ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.2, hue: 0.1, p: 0.8 }));
    steps.push(new RandomGrayscale({ p: 0.2 }));
  }
  if (options.blur > 0) steps.push(new GaussianBlur({ sigma: [0.1, 2], p: options.blur }));
  if (options.solarize > 0) steps.push(new Solarize({ threshold: 0.5, p: options.solarize }));
  return new Compose(steps);
}

/** BYOL's asymmetric pair: view 1 always blurred and never solarized, view 2 blurred p 0.1 and solarized p 0.2. */
export function byolPreset(options: z.input<typeof byolPresetSchema> = {}): ViewPipelines {
  const { size, scale, blur, solarize, color } = parseOptions(byolPresetSchema, options, 'byol');
  return new ViewPipelines(
    [0, 1].map((v) => ({ pipeline: byolViewPipeline({ size, scale, blur: blur[v], solarize: solarize[v], color }), count: 1 })),
  );
}

/** The `byol` preset plugin: BYOL's two asymmetric view pipelines. */
export const byolPresetPlugin = defineAugmentation(
  'byol',
  'BYOL asymmetric views: crop, flip, jitter, gray, then blur p 1.0 / 0.1 and solarize p 0 / 0.2',
  byolPresetSchema,
  byolPreset,
);
