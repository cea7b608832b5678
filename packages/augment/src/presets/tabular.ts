import { z } from '@contrastive/core';
import { Compose } from '../compose/compose';
import { defineAugmentation } from '../internal/define-augmentation';
import { parseOptions } from '../internal/validation';
import { FeatureDropout } from '../tabular/feature-dropout';
import { GaussianNoise } from '../tabular/gaussian-noise';
import { RandomScaling } from '../tabular/random-scaling';

/** Options of the `tabular` preset. */
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

/** The `tabular` preset plugin. */
export const tabularPresetPlugin = defineAugmentation(
  'tabular',
  'tabular preset: SCARF masking 0.2, row scaling 0.9-1.1, noise 0.05',
  tabularPresetSchema,
  tabularPreset,
);
