import type { LearningRateSchedule } from './schedule';

/** A fixed learning rate. */
export class ConstantSchedule implements LearningRateSchedule {
  readonly kind = 'constant';

  constructor(private readonly options: { learningRate: number }) {}

  learningRate(): number {
    return this.options.learningRate;
  }
}
