import { classPlugin, parsePluginOptions, z } from '@contrastive/core';
import type { LearningRateSchedule, SchedulePosition } from './schedule';

/** Options of the `warmup-cosine` schedule. */
export const warmupCosineOptionsSchema = z
  .object({
    learningRate: z.number().positive().default(0.05),
    warmupFrom: z.number().nonnegative().default(0.01).describe('learning rate at step 0 of the warm-up'),
    warmupEpochs: z.number().nonnegative().default(0),
    minLearningRate: z
      .number()
      .nonnegative()
      .default(0.05 * 0.1 ** 3)
      .describe('final learning rate, learningRate · decayRate³ as in SupContrast (eta_min)'),
  })
  .strict();

/** Options of {@link WarmupCosineSchedule}. */
export type WarmupCosineOptions = z.input<typeof warmupCosineOptionsSchema>;

/**
 * SupContrast's schedule: linear warm-up from `warmupFrom` to the cosine curve's value at the
 * end of warm-up, then cosine annealing from `learningRate` to `minLearningRate` over the
 * whole run, evaluated per step (fractional epochs) so it is smooth for short runs.
 */
export class WarmupCosineSchedule implements LearningRateSchedule {
  readonly kind = 'warmup-cosine';

  private readonly options: z.output<typeof warmupCosineOptionsSchema>;

  constructor(options: WarmupCosineOptions = {}) {
    this.options = parsePluginOptions(warmupCosineOptionsSchema, options, { kind: 'schedule', id: 'warmup-cosine' });
  }

  learningRate({ step, stepsPerEpoch, totalSteps }: SchedulePosition): number {
    const { learningRate, warmupFrom, warmupEpochs, minLearningRate } = this.options;
    const cosineAt = (s: number) =>
      minLearningRate +
      ((learningRate - minLearningRate) * (1 + Math.cos((Math.PI * s) / Math.max(totalSteps, 1)))) / 2;
    const warmupSteps = Math.min(Math.round(warmupEpochs * stepsPerEpoch), totalSteps);
    if (step < warmupSteps) {
      const target = cosineAt(warmupSteps);
      return warmupFrom + ((target - warmupFrom) * step) / warmupSteps;
    }
    return cosineAt(step);
  }
}

/** The `warmup-cosine` schedule plugin. */
export const warmupCosinePlugin = classPlugin('schedule', 'warmup-cosine', warmupCosineOptionsSchema, WarmupCosineSchedule, {
  description: 'linear warm-up then cosine annealing (SupContrast)',
});
