import type { LearningRateSchedule, SchedulePosition } from './schedule';

export interface StepDecayOptions {
  learningRate: number;
  /** Epochs at which the rate is multiplied by `decayRate`. */
  milestones: number[];
  decayRate: number;
}

/** Multiplies the rate by `decayRate` at each milestone epoch (SupContrast's non-cosine option). */
export class StepDecaySchedule implements LearningRateSchedule {
  readonly kind = 'step';

  constructor(private readonly options: StepDecayOptions) {}

  learningRate({ step, stepsPerEpoch }: SchedulePosition): number {
    const epoch = step / Math.max(stepsPerEpoch, 1);
    const passed = this.options.milestones.filter((milestone) => epoch >= milestone).length;
    return this.options.learningRate * this.options.decayRate ** passed;
  }
}
