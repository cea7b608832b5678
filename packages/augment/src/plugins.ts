import { createPluginModule, definePlugin, pluginRefSchema, z, type PluginDefinition } from '@contrastive/core';
import type { Augmentation } from './augmentation';
import { Compose } from './compose/compose';
import { Identity } from './compose/identity';
import { RandomApply } from './compose/random-apply';
import { ColorJitter, colorJitterOptionsSchema } from './image/color-jitter';
import { RandomHorizontalFlip, RandomVerticalFlip, flipOptionsSchema } from './image/flip';
import { GaussianBlur, gaussianBlurOptionsSchema } from './image/gaussian-blur';
import { Normalize, normalizeOptionsSchema } from './image/normalize';
import { RandomCrop, randomCropOptionsSchema } from './image/random-crop';
import { RandomGrayscale, randomGrayscaleOptionsSchema } from './image/random-grayscale';
import { RandomResizedCrop, randomResizedCropOptionsSchema } from './image/random-resized-crop';
import { Solarize, solarizeOptionsSchema } from './image/solarize';
import {
  mnistPreset,
  mnistPresetSchema,
  simclrPreset,
  simclrPresetSchema,
  supconCifarPreset,
  supconCifarPresetSchema,
  tabularPreset,
  tabularPresetSchema,
} from './presets';
import { FeatureDropout, featureDropoutOptionsSchema } from './tabular/feature-dropout';
import { GaussianNoise, gaussianNoiseOptionsSchema } from './tabular/gaussian-noise';
import { RandomScaling, randomScalingOptionsSchema } from './tabular/random-scaling';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function augmentation<S extends z.ZodType<any>>(
  id: string,
  description: string,
  optionsSchema: S,
  create: (options: z.output<S>) => Augmentation,
): PluginDefinition<z.output<S>, Augmentation> {
  return definePlugin({ kind: 'augmentation', id, description, optionsSchema, create });
}

const noOptions = z.object({}).strict();

/** Every augmentation and preset of this package as `augmentation` plugins (instances are {@link Augmentation}s). */
export const augmentationPlugins: ReadonlyArray<PluginDefinition<unknown, Augmentation>> = [
  augmentation('simclr', 'SimCLR preset: crop 0.08-1, flip, jitter 0.8s p 0.8, gray 0.2, blur p 0.5', simclrPresetSchema, simclrPreset),
  augmentation('supcon-cifar', 'SupContrast CIFAR preset: crop 0.2-1, flip, jitter(0.4,0.4,0.4,0.1) p 0.8, gray 0.2', supconCifarPresetSchema, supconCifarPreset),
  augmentation('mnist', 'MNIST/Fashion-MNIST preset: pad-2 random crop + horizontal flip', mnistPresetSchema, mnistPreset),
  augmentation('tabular', 'tabular preset: SCARF masking 0.2, row scaling 0.9-1.1, noise 0.05', tabularPresetSchema, tabularPreset),
  augmentation('identity', 'no augmentation (views are copies)', noOptions, () => new Identity()),
  augmentation('random-resized-crop', 'random resized crop (scale, ratio, size)', randomResizedCropOptionsSchema, (o) => new RandomResizedCrop(o)),
  augmentation('random-crop', 'zero-padded random crop (CIFAR/MNIST recipe)', randomCropOptionsSchema, (o) => new RandomCrop(o)),
  augmentation('horizontal-flip', 'left-right flip with probability p', flipOptionsSchema, (o) => new RandomHorizontalFlip(o)),
  augmentation('vertical-flip', 'up-down flip with probability p', flipOptionsSchema, (o) => new RandomVerticalFlip(o)),
  augmentation('color-jitter', 'brightness/contrast/saturation/hue jitter in random order, probability p', colorJitterOptionsSchema, (o) => new ColorJitter(o)),
  augmentation('random-grayscale', 'grayscale with probability p', randomGrayscaleOptionsSchema, (o) => new RandomGrayscale(o)),
  augmentation('gaussian-blur', 'separable Gaussian blur, per-image sigma, probability p', gaussianBlurOptionsSchema, (o) => new GaussianBlur(o)),
  augmentation('solarize', 'invert values above a threshold, probability p', solarizeOptionsSchema, (o) => new Solarize(o)),
  augmentation('normalize', 'per-channel (x - mean) / std', normalizeOptionsSchema, (o) => new Normalize(o)),
  augmentation('gaussian-noise', 'additive Gaussian noise (vector data)', gaussianNoiseOptionsSchema, (o) => new GaussianNoise(o)),
  augmentation('feature-dropout', 'feature masking: zero or SCARF marginal replacement', featureDropoutOptionsSchema, (o) => new FeatureDropout(o)),
  augmentation('random-scaling', 'random multiplicative scaling per row or entry', randomScalingOptionsSchema, (o) => new RandomScaling(o)),
  definePlugin({
    kind: 'augmentation',
    id: 'compose',
    description: 'apply augmentation plugins in order',
    optionsSchema: z.object({ steps: z.array(pluginRefSchema).default([]) }).strict(),
    create: (options, { registry }) =>
      new Compose(
        options.steps.map((ref, i) =>
          registry.create('augmentation', ref, `augmentation.options.steps.${i}`),
        ),
      ),
  }),
  definePlugin({
    kind: 'augmentation',
    id: 'random-apply',
    description: 'apply an augmentation plugin to each item with probability p',
    optionsSchema: z.object({ augmentation: pluginRefSchema, p: z.number().min(0).max(1).default(0.5) }).strict(),
    create: (options, { registry }) =>
      new RandomApply(
        registry.create('augmentation', options.augmentation, 'augmentation.options.augmentation'),
        options.p,
      ),
  }),
] as ReadonlyArray<PluginDefinition<unknown, Augmentation>>;

/** `registry.load(augmentModule)` registers every augmentation plugin of this package. */
export const augmentModule = createPluginModule(augmentationPlugins);
