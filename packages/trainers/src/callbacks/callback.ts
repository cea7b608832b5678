/** Lets a callback end training early (early stopping, Ctrl-C). */
export interface TrainingControl {
  /** Asks the trainer to stop after the current step; the first reason given is kept. */
  stop(reason: string): void;
  /** Why the run was asked to stop, if it was. */
  readonly stopReason: string | undefined;
}

/** What a callback learns after each optimizer step. */
export interface StepInfo {
  /** Epoch of the step, counting from 0. */
  epoch: number;
  /** Global step, counting from 0, of the step that just finished. */
  step: number;
  /** Optimizer steps in one epoch. */
  stepsPerEpoch: number;
  /** Optimizer steps of the whole run. */
  totalSteps: number;
  /** The step's loss (the last one read back from the device when reads are spaced out). */
  loss: number;
  /** Learning rate the schedule gave this step. */
  learningRate: number;
  /** Throughput over the run so far (steps per second, excluding the first step's warm-up). */
  stepsPerSecond: number;
  /** Wall time since the run started, in milliseconds. */
  elapsedMs: number;
  /** Stops the run early. */
  control: TrainingControl;
}

/** What a callback learns at the end of each epoch. */
export interface EpochInfo {
  /** The epoch that just ended, counting from 0. */
  epoch: number;
  /** Mean loss over the epoch's steps. */
  meanLoss: number;
  /** Global step count at the end of the epoch. */
  step: number;
  /** Optimizer steps of the whole run. */
  totalSteps: number;
  /** Wall time since the run started, in milliseconds. */
  elapsedMs: number;
  /** Stops the run early. */
  control: TrainingControl;
}

/** Observers of a training run. Every hook may be async; the trainer awaits it. */
export interface TrainerCallback {
  /** Before the first step; `startStep` is above 0 when a checkpoint was resumed. */
  onTrainBegin?(info: { totalSteps: number; startStep: number }): void | Promise<void>;
  /** After every optimizer step. */
  onStepEnd?(info: StepInfo): void | Promise<void>;
  /** After every epoch. */
  onEpochEnd?(info: EpochInfo): void | Promise<void>;
  /** After the last step, or when a callback stopped the run. */
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
