import { createPluginModule } from '@contrastive/core';
import { composePlugin } from './compose/compose';
import { identityPlugin } from './compose/identity';
import { randomApplyPlugin } from './compose/random-apply';
import { colorJitterPlugin } from './image/color-jitter';
import { horizontalFlipPlugin, verticalFlipPlugin } from './image/flip';
import { gaussianBlurPlugin } from './image/gaussian-blur';
import { normalizePlugin } from './image/normalize';
import { randomCropPlugin } from './image/random-crop';
import { randomGrayscalePlugin } from './image/random-grayscale';
import { randomResizedCropPlugin } from './image/random-resized-crop';
import { solarizePlugin } from './image/solarize';
import { byolPresetPlugin } from './presets/byol';
import { mnistPresetPlugin } from './presets/mnist';
import { multiCropPresetPlugin } from './presets/multi-crop';
import { simclrPresetPlugin } from './presets/simclr';
import { supconCifarPresetPlugin } from './presets/supcon-cifar';
import { tabularPresetPlugin } from './presets/tabular';
import { featureDropoutPlugin } from './tabular/feature-dropout';
import { gaussianNoisePlugin } from './tabular/gaussian-noise';
import { randomScalingPlugin } from './tabular/random-scaling';
import { viewPipelinesPlugin } from './views/view-pipelines';

/**
 * Every augmentation, preset and view generator of this package as `augmentation` plugins. Each is
 * defined beside its class, with the class's options schema; this file only lists them.
 */
export const augmentationPlugins = [
  simclrPresetPlugin,
  supconCifarPresetPlugin,
  mnistPresetPlugin,
  tabularPresetPlugin,
  byolPresetPlugin,
  multiCropPresetPlugin,
  identityPlugin,
  randomResizedCropPlugin,
  randomCropPlugin,
  horizontalFlipPlugin,
  verticalFlipPlugin,
  colorJitterPlugin,
  randomGrayscalePlugin,
  gaussianBlurPlugin,
  solarizePlugin,
  normalizePlugin,
  gaussianNoisePlugin,
  featureDropoutPlugin,
  randomScalingPlugin,
  composePlugin,
  randomApplyPlugin,
  viewPipelinesPlugin,
];

/** `registry.load(augmentModule)` registers every augmentation plugin of this package. */
export const augmentModule = createPluginModule(augmentationPlugins);
