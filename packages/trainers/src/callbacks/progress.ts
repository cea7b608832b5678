import type { StepInfo, TrainerCallback } from './callback';

export interface ProgressUpdate {
  step: number;
  totalSteps: number;
  epoch: number;
  loss: number;
  learningRate: number;
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
