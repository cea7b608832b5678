import './plugin-types';
export type { Augmentation } from './augmentation';
export { MultiView } from './multi-view';
export { Compose } from './compose/compose';
export { RandomApply } from './compose/random-apply';
export { Identity } from './compose/identity';
export {
  RandomResizedCrop,
  randomResizedCropOptionsSchema,
  sampleResizedCropWindow,
  type RandomResizedCropOptions,
} from './image/random-resized-crop';
export { RandomCrop, randomCropOptionsSchema, type RandomCropOptions } from './image/random-crop';
export { RandomHorizontalFlip, RandomVerticalFlip, flipOptionsSchema, type FlipOptions } from './image/flip';
export { ColorJitter, colorJitterOptionsSchema, type ColorJitterOptions } from './image/color-jitter';
export { RandomGrayscale, randomGrayscaleOptionsSchema, type RandomGrayscaleOptions } from './image/random-grayscale';
export {
  GaussianBlur,
  gaussianBlurOptionsSchema,
  defaultBlurKernelSize,
  gaussianKernel1d,
  type GaussianBlurOptions,
} from './image/gaussian-blur';
export { Solarize, solarizeOptionsSchema, type SolarizeOptions } from './image/solarize';
export { Normalize, normalizeOptionsSchema, type NormalizeOptions } from './image/normalize';
export { LUMA_RGB, hueMatrix, saturationMatrix } from './image/color-matrices';
export { GaussianNoise, gaussianNoiseOptionsSchema, type GaussianNoiseOptions } from './tabular/gaussian-noise';
export { FeatureDropout, featureDropoutOptionsSchema, type FeatureDropoutOptions } from './tabular/feature-dropout';
export { RandomScaling, randomScalingOptionsSchema, type RandomScalingOptions } from './tabular/random-scaling';
export {
  simclrPreset,
  simclrPresetSchema,
  supconCifarPreset,
  supconCifarPresetSchema,
  mnistPreset,
  mnistPresetSchema,
  tabularPreset,
  tabularPresetSchema,
  identityPreset,
} from './presets';
export { augmentationPlugins, augmentModule } from './plugins';
