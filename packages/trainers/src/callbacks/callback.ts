/** Lets a callback end training early (early stopping, Ctrl-C). */
export interface TrainingControl {
  stop(reason: string): void;
  readonly stopReason: string | undefined;
}

export interface StepInfo {
  epoch: number;
  /** Global step, counting from 0, of the step that just finished. */
  step: number;
  stepsPerEpoch: number;
  totalSteps: number;
  loss: number;
  learningRate: number;
  /** Throughput over the run so far (steps per second, excluding the first step's warm-up). */
  stepsPerSecond: number;
  elapsedMs: number;
  control: TrainingControl;
}

export interface EpochInfo {
  epoch: number;
  meanLoss: number;
  step: number;
  totalSteps: number;
  elapsedMs: number;
  control: TrainingControl;
}

/** Observers of a training run. Every hook may be async; the trainer awaits it. */
export interface TrainerCallback {
  onTrainBegin?(info: { totalSteps: number; startStep: number }): void | Promise<void>;
  onStepEnd?(info: StepInfo): void | Promise<void>;
  onEpochEnd?(info: EpochInfo): void | Promise<void>;
  onTrainEnd?(info: { step: number; stopReason?: string }): void | Promise<void>;
}

export function createControl(): TrainingControl {
  let reason: string | undefined;
  return {
    stop(why: string) {
      reason ??= why;
    },
    get stopReason() {
      return reason;
    },
  };
}
