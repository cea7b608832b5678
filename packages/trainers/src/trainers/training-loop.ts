import * as tf from '@tensorflow/tfjs-core';
import { isGpuBackend } from '@contrastive/core';
import { createControl, type TrainerCallback } from '../callbacks/callback';
import type { LearningRateSchedule } from '../schedule/schedule';
import type { BatchSource } from './batch-source';
import { emptyHistory, type TrainingHistory } from './training-state';

/** What the shared epoch/step loop of the trainers runs. */
export interface TrainingLoopOptions {
  /** The batches. */
  data: BatchSource;
  /** Passes over the data. */
  epochs: number;
  /** Run seed; each epoch's batches derive from it. */
  seed: number;
  /** Gives each step's learning rate. */
  schedule: LearningRateSchedule;
  /** Observers, awaited in order. */
  callbacks?: TrainerCallback[];
  /** Resume point: the next step to run and the history so far. */
  startStep?: number;
  /** The history of the steps before `startStep`, continued. */
  history?: TrainingHistory;
  /**
   * Runs one optimizer step and returns its loss: a number, or the loss tensor, which the loop
   * takes over and reads asynchronously, several steps at a time (see `readEvery`).
   */
  runStep(indices: Int32Array, step: number, learningRate: number): number | tf.Scalar | Promise<number | tf.Scalar>;
  /**
   * Steps between host reads of the loss tensors (default {@link defaultLossReadInterval}): on a
   * GPU the queue keeps running while the loss of earlier steps is read back, so history and
   * callbacks (the progress bar) see the steps in bursts. Reads also happen at every epoch end and
   * wherever `mustReadAfter` says.
   */
  readEvery?: number;
  /** Steps after which every loss must be read before the next step runs (checkpoints). */
  mustReadAfter?(completedSteps: number): boolean;
  /** After each step, with the number of completed steps (checkpointing). */
  afterStep?(completedSteps: number, history: TrainingHistory): Promise<void>;
  /** When a callback stopped the run early (checkpoint on interrupt). */
  onStopped?(completedSteps: number, history: TrainingHistory): Promise<void>;
}

/**
 * Steps between loss reads when the caller does not say: 1 on CPU backends (a read there costs
 * nothing and the host sees every step at once), 10 on GPU backends, where each read waits for
 * the queue to drain.
 */
export function defaultLossReadInterval(backendName: string = tf.getBackend()): number {
  return isGpuBackend(backendName) ? 10 : 1;
}

/** A step that has run but whose loss the host has not read yet. */
interface PendingStep {
  epoch: number;
  step: number;
  learningRate: number;
  loss: number | tf.Scalar;
  /** Host time spent starting the step (kernel launches; all of it on CPU backends). */
  runMs: number;
}

/**
 * The epoch/step loop shared by every trainer: batches per epoch from the source, the
 * schedule's learning rate per step, history, throughput, callbacks and early stop.
 * Trainers differ only in `runStep`. Losses returned as tensors are read asynchronously,
 * `readEvery` steps at a time, so no step waits on a synchronous read.
 */
export async function runTrainingLoop(options: TrainingLoopOptions): Promise<TrainingHistory> {
  const { data, epochs, seed, schedule, callbacks = [], runStep } = options;
  const stepsPerEpoch = data.stepsPerEpoch;
  if (stepsPerEpoch < 1) throw new Error(`training data gives no full batch (${data.size} examples)`);
  const readEvery = options.readEvery ?? defaultLossReadInterval();
  if (!Number.isInteger(readEvery) || readEvery < 1) {
    throw new Error(`runTrainingLoop: readEvery must be a positive integer, got ${String(readEvery)}`);
  }
  const totalSteps = epochs * stepsPerEpoch;
  const startStep = options.startStep ?? 0;
  const history = options.history ?? emptyHistory();
  const control = createControl();
  const started = Date.now() - history.elapsedMs;
  let timedSteps = 0;
  let timedMs = 0;
  for (const callback of callbacks) await callback.onTrainBegin?.({ totalSteps, startStep });

  const pending: PendingStep[] = [];
  /** Reads the pending losses (one batched read), then records them and runs the callbacks, in step order. */
  const settle = async () => {
    const readStart = Date.now();
    const tensors = pending.map((p) => p.loss).filter((loss): loss is tf.Scalar => typeof loss !== 'number');
    let values: Float32Array | undefined;
    if (tensors.length > 0) {
      const stacked = tensors.length === 1 ? tensors[0] : tf.stack(tensors);
      try {
        values = (await stacked.data()) as Float32Array;
      } finally {
        tf.dispose(stacked === tensors[0] ? tensors : [stacked, ...tensors]);
      }
    }
    const readMs = Date.now() - readStart;
    const settled = pending.splice(0);
    let read = 0;
    const losses = settled.map((p) => (typeof p.loss === 'number' ? p.loss : values![read++]));
    // The first step pays for kernel set-up and warm-up; leave it out of throughput.
    const timed = settled.filter((p) => p.step > startStep);
    timedSteps += timed.length;
    timedMs += timed.reduce((sum, p) => sum + p.runMs, 0) + (readMs * timed.length) / settled.length;
    const stepsPerSecond = timedSteps > 0 ? (1000 * timedSteps) / Math.max(timedMs, 1) : 0;
    for (const [i, { epoch, step, learningRate }] of settled.entries()) {
      const loss = losses[i];
      if (!Number.isFinite(loss)) {
        throw new Error(
          `training loss became ${loss} at step ${step} (learning rate ${learningRate})` +
            (isGpuBackend(tf.getBackend())
              ? `; on ${tf.getBackend()} this is also how a loss reports bad input (NaN or Infinity in the embeddings, non-integer labels)`
              : ''),
        );
      }
      history.loss.push(loss);
      history.learningRate.push(learningRate);
      history.elapsedMs = Date.now() - started;
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
      const completed = step + 1;
      if (completed % stepsPerEpoch === 0) {
        // Before `afterStep`, so the end-of-epoch checkpoint holds this epoch's mean loss. From the
        // history, so an epoch interrupted and resumed gets the same mean.
        const epochLosses = history.loss.slice(epoch * stepsPerEpoch, completed);
        const meanLoss = epochLosses.reduce((a, b) => a + b, 0) / epochLosses.length;
        history.epochLoss.push(meanLoss);
        for (const callback of callbacks) {
          await callback.onEpochEnd?.({
            epoch,
            meanLoss,
            step: completed,
            totalSteps,
            elapsedMs: Date.now() - started,
            control,
          });
        }
      }
      await options.afterStep?.(completed, history);
    }
  };

  let step = startStep;
  try {
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
        const loss = await runStep(batches[inEpoch], step, learningRate);
        pending.push({ epoch, step, learningRate, loss, runMs: Date.now() - stepStart });
        step += 1;
        const epochEnds = inEpoch === stepsPerEpoch - 1;
        if (pending.length >= readEvery || epochEnds || options.mustReadAfter?.(step)) await settle();
      }
    }
  } finally {
    tf.dispose(pending.map((p) => p.loss).filter((loss): loss is tf.Scalar => typeof loss !== 'number'));
  }
  history.stopReason = control.stopReason;
  history.elapsedMs = Date.now() - started;
  if (control.stopReason) await options.onStopped?.(step, history);
  for (const callback of callbacks) await callback.onTrainEnd?.({ step, stopReason: control.stopReason });
  return history;
}
