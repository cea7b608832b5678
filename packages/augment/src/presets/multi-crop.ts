import { z } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { Compose } from '../compose/compose';
import { ColorJitter } from '../image/color-jitter';
import { RandomHorizontalFlip } from '../image/flip';
import { GaussianBlur } from '../image/gaussian-blur';
import { RandomGrayscale } from '../image/random-grayscale';
import { RandomResizedCrop } from '../image/random-resized-crop';
import { defineAugmentation } from '../internal/define-augmentation';
import { rangeSchema, sizeSchema } from '../internal/schemas';
import { parseOptions } from '../internal/validation';
import { ViewPipelines } from '../views/view-pipelines';
import { byolViewPipeline } from './byol';

/** Options of the `multi-crop` preset. */
export const multiCropPresetSchema = z
  .object({
    globalSize: sizeSchema.describe('output size of the 2 global crops; default: the input size'),
    localSize: z
      .union([z.number().int().positive(), z.tuple([z.number().int().positive(), z.number().int().positive()])])
      .default(12)
      .describe('output size of the local crops, a number or [height, width] (DINO: 96 for 224 inputs)'),
    localCrops: z.number().int().nonnegative().default(6).describe('number of local crops k (DINO: 6 to 10)'),
    globalScale: rangeSchema(Number.MIN_VALUE, 1, 'area fraction of a global crop').default([0.4, 1]),
    localScale: rangeSchema(Number.MIN_VALUE, 1, 'area fraction of a local crop').default([0.05, 0.4]),
    color: z.boolean().default(true).describe('colour jitter (0.4, 0.4, 0.2, 0.1) p 0.8 and grayscale p 0.2'),
  })
  .strict();

/**
 * DINO's multi-crop (Caron et al. 2021): 2 global crops (area 0.4-1) made as BYOL's two views
 * (blur p 1.0 / 0.1, solarize p 0 / 0.2), then `localCrops` local crops (area 0.05-0.4, blur p 0.5) at
 * `localSize`. Views 0-1 come out as one group `[B, 2, Hg, Wg, C]` and the local crops as a second
 * group `[B, k, Hl, Wl, C]` (see ViewGroup): different sizes cannot share a tensor.
 */
export function multiCropPreset(options: z.input<typeof multiCropPresetSchema> = {}): ViewPipelines {
  const o = parseOptions(multiCropPresetSchema, options, 'multi-crop');
  const global = (v: number) =>
    byolViewPipeline({ size: o.globalSize, scale: o.globalScale, blur: [1, 0.1][v], solarize: [0, 0.2][v], color: o.color });
  const localSteps: Augmentation[] = [
    new RandomResizedCrop({ size: o.localSize, scale: o.localScale }),
    new RandomHorizontalFlip({ p: 0.5 }),
  ];
  if (o.color) {
    localSteps.push(new ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.2, hue: 0.1, p: 0.8 }));
    localSteps.push(new RandomGrayscale({ p: 0.2 }));
  }
  localSteps.push(new GaussianBlur({ sigma: [0.1, 2], p: 0.5 }));
  const entries = [
    { pipeline: global(0), count: 1 },
    { pipeline: global(1), count: 1 },
  ];
  if (o.localCrops > 0) entries.push({ pipeline: new Compose(localSteps), count: o.localCrops });
  return new ViewPipelines(entries);
}

/** The `multi-crop` preset plugin: DINO's global and local crops. */
export const multiCropPresetPlugin = defineAugmentation(
  'multi-crop',
  'DINO multi-crop: 2 global crops (BYOL views) + k local crops at another size, as view groups',
  multiCropPresetSchema,
  multiCropPreset,
);
