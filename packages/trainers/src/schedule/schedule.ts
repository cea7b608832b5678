/** Where training is, for a learning-rate schedule. Steps count from 0. */
export interface SchedulePosition {
  /** Global step, counting from 0. */
  step: number;
  /** Optimizer steps in one epoch. */
  stepsPerEpoch: number;
  /** Optimizer steps of the whole run. */
  totalSteps: number;
}

/** The one schedule contract: the learning rate to use at a position. Pure, so resume needs no state. */
export interface LearningRateSchedule {
  /** The plugin id (`warmup-cosine`, `step-decay`, `constant`). */
  readonly kind: string;
  /** The learning rate for the step at `position`. */
  learningRate(position: SchedulePosition): number;
}
