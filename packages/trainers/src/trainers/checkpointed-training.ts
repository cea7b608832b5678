import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '@contrastive/core';
import type { NegativeStrategy, StrategyState } from '@contrastive/memory';
import type { Checkpoint, CheckpointOptions } from '../checkpoint/checkpoint-store';
import { identityDifferences, type RunIdentity } from '../checkpoint/run-identity';
import type { TensorBundle } from '../checkpoint/tensor-bundle';
import type { Optimizer } from '../optim/optimizer';
import type { LearningRateSchedule } from '../schedule/schedule';
import type { WeightLike } from '@contrastive/core';
import { bundleToWeights, weightsToBundle } from './model-weights';
import type { TrainingBudget, TrainingRunOptions } from './trainer';
import { runTrainingLoop } from './training-loop';
import type { TrainingHistory } from './training-state';
import type { TrainableModel } from './trainable-model';

/** What a checkpoint of a stage holds besides its history: every weight and state that training changes. */
export interface CheckpointedState {
  model: TrainableModel;
  optimizer: Optimizer;
  /** Weights the trainer owns beyond the model's, by prefix (the baseline's classifier). */
  ownWeights?: Record<string, readonly WeightLike[]>;
  strategy?: NegativeStrategy;
  /** State the trainer owns beyond weights (a paradigm's target network, DINO's centre), under `<prefix>/`. */
  ownState?: { prefix: string; getState(): Promise<OwnState>; setState(state: OwnState): void };
}

/** JSON metadata and named tensors of {@link CheckpointedState.ownState}. */
export interface OwnState {
  meta: Record<string, unknown>;
  tensors: TensorBundle;
}

export interface CheckpointedTraining {
  /** Written into each checkpoint's `kind`; a checkpoint of another kind is refused on resume. */
  kind: string;
  /** The trainer as error messages name it ("the contrastive trainer"). */
  trainerName: string;
  budget: TrainingBudget;
  options: TrainingRunOptions;
  state: CheckpointedState;
  schedule: LearningRateSchedule;
  /** Before the first step, once it is known whether a checkpoint will be restored (strategy.attach). */
  prepare?(resuming: boolean): void | Promise<void>;
  /** One optimizer step; returns the loss tensor (read asynchronously by the loop). */
  runStep(indices: Int32Array, step: number, learningRate: number): tf.Scalar | Promise<tf.Scalar>;
}

/**
 * The training loop with checkpoints and resume, shared by every trainer: it saves every epoch
 * (or `checkpoint.everySteps`) and when a callback stops the run, and with `resume` continues
 * from the store's latest checkpoint, refusing one this run cannot continue. Every random draw
 * derives from (seed, step), so a resumed run repeats the straight one exactly.
 */
export async function runCheckpointedTraining(training: CheckpointedTraining): Promise<TrainingHistory> {
  const { kind, trainerName, budget, options, state } = training;
  const { data, epochs } = budget;
  const { seed, checkpoint } = options;
  const saved = options.resume && checkpoint ? await checkpoint.store.loadLatest() : undefined;
  const totalSteps = epochs * data.stepsPerEpoch;
  if (saved) checkResumable(saved, kind, trainerName, checkpoint, totalSteps, epochs, data.stepsPerEpoch);
  await training.prepare?.(Boolean(saved));

  let history: TrainingHistory | undefined;
  let startStep = 0;
  if (saved) {
    try {
      history = restoreTraining(saved, state);
    } catch (error) {
      throw new ConfigError(`cannot resume from the checkpoint: ${(error as Error).message}`, 'checkpoint');
    }
    startStep = Number(saved.meta.step);
  }
  const checkpointDue = (completed: number) =>
    Boolean(checkpoint) && completed % (checkpoint?.everySteps ?? data.stepsPerEpoch) === 0;
  const save = async (completed: number, current: TrainingHistory) =>
    checkpoint?.store.save(
      await snapshotTraining(kind, completed, seed, current, checkpoint.identity, state),
    );
  return runTrainingLoop({
    data,
    epochs,
    seed,
    schedule: training.schedule,
    callbacks: options.callbacks,
    startStep,
    history,
    readEvery: options.lossReadEvery,
    runStep: training.runStep,
    mustReadAfter: (completed) => checkpointDue(completed),
    afterStep: async (completed, current) => {
      if (checkpointDue(completed)) await save(completed, current);
    },
    onStopped: async (completed, current) => {
      await save(completed, current);
    },
  });
}

async function snapshotTraining(
  kind: string,
  step: number,
  seed: number,
  history: TrainingHistory,
  identity: Record<string, unknown> | undefined,
  state: CheckpointedState,
): Promise<Checkpoint> {
  const { model, optimizer, strategy, ownWeights = {} } = state;
  const optimizerState = await optimizer.getState();
  const tensors: TensorBundle = { ...(await weightsToBundle(model.weights, 'model')) };
  for (const [prefix, weights] of Object.entries(ownWeights))
    Object.assign(tensors, await weightsToBundle(weights, prefix));
  for (const [name, slot] of Object.entries(optimizerState.slots)) {
    tensors[`optimizer/${name}`] = { shape: slot.shape, dtype: 'float32', values: slot.values };
  }
  const strategyState = strategy ? await strategy.getState() : undefined;
  const own = state.ownState ? await state.ownState.getState() : undefined;
  for (const [name, tensor] of Object.entries(own?.tensors ?? {})) tensors[`${state.ownState!.prefix}/${name}`] = tensor;
  for (const [name, tensor] of Object.entries(strategyState?.tensors ?? {})) tensors[`strategy/${name}`] = tensor;
  return {
    meta: {
      kind,
      step,
      seed,
      ...(identity ? { identity } : {}),
      history,
      optimizer: {
        kind: optimizerState.kind,
        step: optimizerState.step,
        slots: Object.keys(optimizerState.slots),
      },
      ...(strategyState ? { strategy: strategyState.meta } : {}),
      ...(own ? { [state.ownState!.prefix]: own.meta } : {}),
    },
    tensors,
  };
}

function restoreTraining(saved: Checkpoint, state: CheckpointedState): TrainingHistory {
  const { model, optimizer, strategy, ownWeights = {} } = state;
  bundleToWeights(saved.tensors, model.weights, 'model');
  for (const [prefix, weights] of Object.entries(ownWeights)) bundleToWeights(saved.tensors, weights, prefix);
  const optimizerMeta = saved.meta.optimizer as { kind: string; step: number; slots: string[] };
  if (optimizerMeta.kind !== optimizer.kind) {
    throw new Error(`checkpoint optimizer is '${optimizerMeta.kind}' but this run uses '${optimizer.kind}'`);
  }
  const slots: Record<string, { shape: number[]; values: Float32Array }> = {};
  for (const name of optimizerMeta.slots) {
    const stored = saved.tensors[`optimizer/${name}`];
    slots[name] = { shape: stored.shape, values: stored.values as Float32Array };
  }
  optimizer.setState({ kind: optimizerMeta.kind, step: optimizerMeta.step, slots });
  if (strategy) {
    const strategyTensors: TensorBundle = {};
    for (const [name, tensor] of Object.entries(saved.tensors)) {
      if (name.startsWith('strategy/')) strategyTensors[name.slice('strategy/'.length)] = tensor;
    }
    strategy.setState({ meta: saved.meta.strategy as StrategyState['meta'], tensors: strategyTensors });
  }
  if (state.ownState) {
    const { prefix } = state.ownState;
    const tensors: TensorBundle = {};
    for (const [name, tensor] of Object.entries(saved.tensors)) {
      if (name.startsWith(`${prefix}/`)) tensors[name.slice(prefix.length + 1)] = tensor;
    }
    state.ownState.setState({ meta: (saved.meta[prefix] ?? {}) as Record<string, unknown>, tensors });
  }
  return saved.meta.history as TrainingHistory;
}

/** Refuses a checkpoint this run cannot continue: another trainer, another setup, a larger budget. */
function checkResumable(
  saved: Checkpoint,
  kind: string,
  trainerName: string,
  checkpoint: CheckpointOptions | undefined,
  totalSteps: number,
  epochs: number,
  stepsPerEpoch: number,
): void {
  if (saved.meta.kind !== kind) {
    throw new ConfigError(
      `cannot resume: the checkpoint was written by '${String(saved.meta.kind)}', not ${trainerName}`,
      'checkpoint',
    );
  }
  const identity = checkpoint?.identity;
  if (identity && saved.meta.identity !== undefined) {
    const savedIdentity = saved.meta.identity as RunIdentity;
    const changed = identityDifferences(
      checkpoint.readSavedIdentity?.(savedIdentity) ?? savedIdentity,
      identity,
    );
    if (changed.length > 0) {
      throw new ConfigError(
        `cannot resume: the checkpoint was written with a different ${changed.join(', ')}; ` +
          'resume with the config it was written with, or start afresh',
        changed[0],
      );
    }
  }
  const step = Number(saved.meta.step);
  if (!Number.isInteger(step) || step < 0) {
    throw new ConfigError(`cannot resume: the checkpoint's step is ${String(saved.meta.step)}`, 'checkpoint');
  }
  if (step > totalSteps) {
    throw new ConfigError(
      `cannot resume: the checkpoint is at step ${step}, past this run's budget of ${totalSteps} steps ` +
        `(${epochs} epochs x ${stepsPerEpoch} steps); resume with at least the budget it was written with`,
      'pretrain.epochs',
    );
  }
}
