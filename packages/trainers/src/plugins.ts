import { createPluginModule } from '@contrastive/core';
import { adamPlugin, larsPlugin, sgdPlugin } from './optim/optimizer-plugins';
import { constantPlugin, stepPlugin, warmupCosinePlugin } from './schedule/schedule-plugins';
import { contrastiveTrainerPlugin, crossEntropyTrainerPlugin } from './trainers/trainer-plugins';

/** Every plugin this package contributes: optimizers, LR schedules and trainers. */
export const trainerPlugins = [
  sgdPlugin,
  adamPlugin,
  larsPlugin,
  warmupCosinePlugin,
  stepPlugin,
  constantPlugin,
  contrastiveTrainerPlugin,
  crossEntropyTrainerPlugin,
];

export const trainersModule = createPluginModule(trainerPlugins);
