/** Where training is, for a learning-rate schedule. Steps count from 0. */
export interface SchedulePosition {
  step: number;
  stepsPerEpoch: number;
  totalSteps: number;
}

/** The one schedule contract: the learning rate to use at a position. Pure, so resume needs no state. */
export interface LearningRateSchedule {
  readonly kind: string;
  learningRate(position: SchedulePosition): number;
}
