import type { StepInfo, TrainerCallback } from './callback';

/** What the experiment's `onStep` callback learns after each step. */
export interface ProgressUpdate {
  /** Global step, counting from 0. */
  step: number;
  /** Optimizer steps of the whole stage. */
  totalSteps: number;
  /** Epoch of the step, counting from 0. */
  epoch: number;
  /** The step's loss (the last one read back). */
  loss: number;
  /** Learning rate of the step. */
  learningRate: number;
  /** Throughput so far. */
  stepsPerSecond: number;
  /** Estimated seconds left at the current throughput. */
  etaSeconds: number;
}

/**
 * Turns step events into progress updates (steps/s, loss, lr, ETA). Rendering is the
 * caller's: the CLI draws a cli-progress bar, a page can update a DOM element.
 */
export class ProgressCallback implements TrainerCallback {
  constructor(private readonly render: (update: ProgressUpdate) => void) {}

  onStepEnd(info: StepInfo): void {
    this.render(progressUpdate(info));
  }
}

/** The progress after the step `info` describes (`step` counts completed steps). */
export function progressUpdate(info: StepInfo): ProgressUpdate {
  const remaining = info.totalSteps - info.step - 1;
  return {
    step: info.step + 1,
    totalSteps: info.totalSteps,
    epoch: info.epoch,
    loss: info.loss,
    learningRate: info.learningRate,
    stepsPerSecond: info.stepsPerSecond,
    etaSeconds: info.stepsPerSecond > 0 ? remaining / info.stepsPerSecond : Infinity,
  };
}
