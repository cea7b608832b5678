import { createControl, type TrainerCallback } from '../callbacks/callback';
import type { LearningRateSchedule } from '../schedule/schedule';
import type { BatchSource } from './batch-source';
import { emptyHistory, type TrainingHistory } from './training-state';

export interface TrainingLoopOptions {
  data: BatchSource;
  epochs: number;
  seed: number;
  schedule: LearningRateSchedule;
  callbacks?: TrainerCallback[];
  /** Resume point: the next step to run and the history so far. */
  startStep?: number;
  history?: TrainingHistory;
  /** Runs one optimizer step and returns its loss. */
  runStep(indices: Int32Array, step: number, learningRate: number): number;
  /** After each step, with the number of completed steps (checkpointing). */
  afterStep?(completedSteps: number, history: TrainingHistory): Promise<void>;
  /** When a callback stopped the run early (checkpoint on interrupt). */
  onStopped?(completedSteps: number, history: TrainingHistory): Promise<void>;
}

/**
 * The epoch/step loop shared by every trainer: batches per epoch from the source, the
 * schedule's learning rate per step, history, throughput, callbacks and early stop.
 * Trainers differ only in `runStep`.
 */
export async function runTrainingLoop(options: TrainingLoopOptions): Promise<TrainingHistory> {
  const { data, epochs, seed, schedule, callbacks = [], runStep } = options;
  const stepsPerEpoch = data.stepsPerEpoch;
  if (stepsPerEpoch < 1) throw new Error(`training data gives no full batch (${data.size} examples)`);
  const totalSteps = epochs * stepsPerEpoch;
  const startStep = options.startStep ?? 0;
  const history = options.history ?? emptyHistory();
  const control = createControl();
  const started = Date.now() - history.elapsedMs;
  let timedSteps = 0;
  let timedMs = 0;
  for (const callback of callbacks) await callback.onTrainBegin?.({ totalSteps, startStep });

  let step = startStep;
  while (step < totalSteps && !control.stopReason) {
    const epoch = Math.floor(step / stepsPerEpoch);
    const batches = data.epochBatches(epoch, seed);
    for (
      let inEpoch = step - epoch * stepsPerEpoch;
      inEpoch < stepsPerEpoch && !control.stopReason;
      inEpoch++
    ) {
      const stepStart = Date.now();
      const learningRate = schedule.learningRate({ step, stepsPerEpoch, totalSteps });
      const loss = runStep(batches[inEpoch], step, learningRate);
      if (!Number.isFinite(loss)) {
        throw new Error(`training loss became ${loss} at step ${step} (learning rate ${learningRate})`);
      }
      history.loss.push(loss);
      history.learningRate.push(learningRate);
      if (step > startStep) {
        // The first step pays for kernel set-up and warm-up; leave it out of throughput.
        timedSteps += 1;
        timedMs += Date.now() - stepStart;
      }
      history.elapsedMs = Date.now() - started;
      const stepsPerSecond = timedSteps > 0 ? (1000 * timedSteps) / Math.max(timedMs, 1) : 0;
      for (const callback of callbacks) {
        await callback.onStepEnd?.({
          epoch,
          step,
          stepsPerEpoch,
          totalSteps,
          loss,
          learningRate,
          stepsPerSecond,
          elapsedMs: history.elapsedMs,
          control,
        });
      }
      step += 1;
      if (step % stepsPerEpoch === 0) {
        // Before `afterStep`, so the end-of-epoch checkpoint holds this epoch's mean loss. From the
        // history, so an epoch interrupted and resumed gets the same mean.
        const epochLosses = history.loss.slice(epoch * stepsPerEpoch, step);
        const meanLoss = epochLosses.reduce((a, b) => a + b, 0) / epochLosses.length;
        history.epochLoss.push(meanLoss);
        for (const callback of callbacks) {
          await callback.onEpochEnd?.({
            epoch,
            meanLoss,
            step,
            totalSteps,
            elapsedMs: Date.now() - started,
            control,
          });
        }
      }
      await options.afterStep?.(step, history);
    }
  }
  history.stopReason = control.stopReason;
  history.elapsedMs = Date.now() - started;
  if (control.stopReason) await options.onStopped?.(step, history);
  for (const callback of callbacks) await callback.onTrainEnd?.({ step, stopReason: control.stopReason });
  return history;
}
