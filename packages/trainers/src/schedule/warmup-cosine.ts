import type { LearningRateSchedule, SchedulePosition } from './schedule';

export interface WarmupCosineOptions {
  learningRate: number;
  /** Learning rate at step 0 of the warm-up. */
  warmupFrom: number;
  warmupEpochs: number;
  /** Final learning rate = learningRate · decayRate³ as in SupContrast (`eta_min`). */
  minLearningRate: number;
}

/**
 * SupContrast's schedule: linear warm-up from `warmupFrom` to the cosine curve's value at the
 * end of warm-up, then cosine annealing from `learningRate` to `minLearningRate` over the
 * whole run, evaluated per step (fractional epochs) so it is smooth for short runs.
 */
export class WarmupCosineSchedule implements LearningRateSchedule {
  readonly kind = 'warmup-cosine';

  constructor(private readonly options: WarmupCosineOptions) {}

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
