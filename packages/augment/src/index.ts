import './plugin-types';
export type { Augmentation } from './augmentation';
export { defineAugmentation } from './internal/define-augmentation';
export { MultiView } from './views/multi-view';
export { ViewPipelines, viewPipelinesOptionsSchema, viewPipelinesPlugin, type ViewPipeline } from './views/view-pipelines';
export { isViewGenerator, stackedViews, type ViewGenerator, type ViewGroup, type ViewSource } from './views/view-groups';
export { asViewGenerator, firstViewAugmentation, singleAugmentation } from './views/as-view-generator';
export { Compose, composeOptionsSchema, composePlugin } from './compose/compose';
export { RandomApply, randomApplyOptionsSchema, randomApplyPlugin } from './compose/random-apply';
export { Identity, identityPreset, identityPlugin } from './compose/identity';
export {
  RandomResizedCrop,
  randomResizedCropOptionsSchema,
  randomResizedCropPlugin,
  sampleResizedCropWindow,
  type RandomResizedCropOptions,
} from './image/random-resized-crop';
export { RandomCrop, randomCropOptionsSchema, randomCropPlugin, type RandomCropOptions } from './image/random-crop';
export {
  RandomHorizontalFlip,
  RandomVerticalFlip,
  flipOptionsSchema,
  horizontalFlipPlugin,
  verticalFlipPlugin,
  type FlipOptions,
} from './image/flip';
export { ColorJitter, colorJitterOptionsSchema, colorJitterPlugin, type ColorJitterOptions } from './image/color-jitter';
export {
  RandomGrayscale,
  randomGrayscaleOptionsSchema,
  randomGrayscalePlugin,
  type RandomGrayscaleOptions,
} from './image/random-grayscale';
export {
  GaussianBlur,
  gaussianBlurOptionsSchema,
  gaussianBlurPlugin,
  defaultBlurKernelSize,
  gaussianKernel1d,
  type GaussianBlurOptions,
} from './image/gaussian-blur';
export { Solarize, solarizeOptionsSchema, solarizePlugin, type SolarizeOptions } from './image/solarize';
export { Normalize, normalizeOptionsSchema, normalizePlugin, type NormalizeOptions } from './image/normalize';
export { LUMA_RGB, hueMatrix, saturationMatrix } from './image/color-matrices';
export {
  GaussianNoise,
  gaussianNoiseOptionsSchema,
  gaussianNoisePlugin,
  type GaussianNoiseOptions,
} from './tabular/gaussian-noise';
export {
  FeatureDropout,
  featureDropoutOptionsSchema,
  featureDropoutPlugin,
  type FeatureDropoutOptions,
} from './tabular/feature-dropout';
export {
  RandomScaling,
  randomScalingOptionsSchema,
  randomScalingPlugin,
  type RandomScalingOptions,
} from './tabular/random-scaling';
export { simclrPreset, simclrPresetSchema, simclrPresetPlugin } from './presets/simclr';
export { supconCifarPreset, supconCifarPresetSchema, supconCifarPresetPlugin } from './presets/supcon-cifar';
export { mnistPreset, mnistPresetSchema, mnistPresetPlugin } from './presets/mnist';
export { tabularPreset, tabularPresetSchema, tabularPresetPlugin } from './presets/tabular';
export { byolPreset, byolPresetSchema, byolPresetPlugin, byolViewPipeline } from './presets/byol';
export { multiCropPreset, multiCropPresetSchema, multiCropPresetPlugin } from './presets/multi-crop';
export { augmentationPlugins, augmentModule } from './plugins';
