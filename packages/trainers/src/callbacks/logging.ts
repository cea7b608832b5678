import type { EpochInfo, StepInfo, TrainerCallback } from './callback';

/** One record per step / epoch, e.g. for JSON-lines logs; the sink decides where they go. */
export type LogRecord =
  | { event: 'step'; epoch: number; step: number; loss: number; lr: number; stepsPerSecond: number }
  | { event: 'epoch'; epoch: number; meanLoss: number; step: number; elapsedMs: number };

export class LoggingCallback implements TrainerCallback {
  constructor(
    private readonly sink: (record: LogRecord) => void,
    private readonly everySteps = 1,
  ) {}

  onStepEnd(info: StepInfo): void {
    if ((info.step + 1) % this.everySteps !== 0) return;
    this.sink({
      event: 'step',
      epoch: info.epoch,
      step: info.step,
      loss: info.loss,
      lr: info.learningRate,
      stepsPerSecond: info.stepsPerSecond,
    });
  }

  onEpochEnd(info: EpochInfo): void {
    this.sink({
      event: 'epoch',
      epoch: info.epoch,
      meanLoss: info.meanLoss,
      step: info.step,
      elapsedMs: info.elapsedMs,
    });
  }
}
