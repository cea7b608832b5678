import { definePlugin, z } from '@contrastive/core';
import { ConstantSchedule } from './constant';
import type { LearningRateSchedule } from './schedule';
import { StepDecaySchedule } from './step-decay';
import { WarmupCosineSchedule } from './warmup-cosine';

const rate = z.number().positive();

export const warmupCosinePlugin = definePlugin({
  kind: 'schedule',
  id: 'warmup-cosine',
  description: 'linear warm-up then cosine annealing (SupContrast)',
  optionsSchema: z
    .object({
      learningRate: rate.default(0.05),
      warmupFrom: z.number().nonnegative().default(0.01),
      warmupEpochs: z.number().nonnegative().default(0),
      minLearningRate: z
        .number()
        .nonnegative()
        .default(0.05 * 0.1 ** 3),
    })
    .strict(),
  create: (options): LearningRateSchedule => new WarmupCosineSchedule(options),
});

export const stepPlugin = definePlugin({
  kind: 'schedule',
  id: 'step',
  description: 'multiply the rate by decayRate at milestone epochs',
  optionsSchema: z
    .object({
      learningRate: rate.default(0.05),
      milestones: z.array(z.number().nonnegative()).default([]),
      decayRate: z.number().positive().max(1).default(0.1),
    })
    .strict(),
  create: (options): LearningRateSchedule => new StepDecaySchedule(options),
});

export const constantPlugin = definePlugin({
  kind: 'schedule',
  id: 'constant',
  description: 'a fixed learning rate',
  optionsSchema: z.object({ learningRate: rate.default(0.05) }).strict(),
  create: (options): LearningRateSchedule => new ConstantSchedule(options),
});
