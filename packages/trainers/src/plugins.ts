import { createPluginModule } from '@contrastive/core';
import { adamPlugin } from './optim/adam';
import { larsPlugin } from './optim/lars';
import { sgdPlugin } from './optim/sgd';
import { constantPlugin } from './schedule/constant';
import { stepPlugin } from './schedule/step-decay';
import { warmupCosinePlugin } from './schedule/warmup-cosine';
import { contrastiveTrainerPlugin, crossEntropyTrainerPlugin } from './trainers/trainer-plugins';
import { paradigmPlugins } from './paradigms/paradigm-plugins';

/** Every plugin this package contributes: optimizers, LR schedules, trainers and paradigm trainers. */
export const trainerPlugins = [
  sgdPlugin,
  adamPlugin,
  larsPlugin,
  warmupCosinePlugin,
  stepPlugin,
  constantPlugin,
  contrastiveTrainerPlugin,
  crossEntropyTrainerPlugin,
  ...paradigmPlugins,
];

/** `registry.load(trainersModule)` registers this package's trainers, optimizers and schedules. */
export const trainersModule = createPluginModule(trainerPlugins);
