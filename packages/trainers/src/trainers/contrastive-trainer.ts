import * as tf from '@tensorflow/tfjs-core';
import type { Augmentation } from '@contrastive/augment';
import { MultiView } from '@contrastive/augment';
import type { ContrastiveLoss } from '@contrastive/losses';
import type { NegativeStrategy } from '@contrastive/memory';
import type { TrainerCallback } from '../callbacks/callback';
import { ConfigError } from '@contrastive/core';
import type { Checkpoint, CheckpointOptions } from '../checkpoint/checkpoint-store';
import { identityDifferences } from '../checkpoint/run-identity';
import type { TensorBundle } from '../checkpoint/tensor-bundle';
import type { Optimizer } from '../optim/optimizer';
import type { LearningRateSchedule } from '../schedule/schedule';
import type { BatchSource } from './batch-source';
import { bundleToWeights, weightsToBundle, asVariable } from './model-weights';
import { embedTrainingSet } from './initial-entries';
import { stepRandom } from './step-randomness';
import { runTrainingLoop } from './training-loop';
import type { TrainingHistory } from './training-state';
import type { TrainableModel } from './trainable-model';

export interface ContrastiveTrainerParts {
  model: TrainableModel;
  augment: Augmentation;
  strategy: NegativeStrategy;
  loss: ContrastiveLoss;
  optimizer: Optimizer;
  schedule: LearningRateSchedule;
}

export interface ContrastiveFitOptions {
  epochs: number;
  /** Views per sample (2 for SimCLR/SupCon). */
  views: number;
  seed: number;
  /** Pass labels to the strategy/loss (SupCon); false for self-supervised (SimCLR). */
  supervised?: boolean;
  callbacks?: TrainerCallback[];
  checkpoint?: CheckpointOptions;
  /** Continue from the store's latest checkpoint if there is one. */
  resume?: boolean;
  /** Steps between host reads of the loss (default: 1 on CPU backends, 10 on GPU ones). */
  lossReadEvery?: number;
}

const CHECKPOINT_KIND = 'contrastive-trainer';

/**
 * Contrastive pre-training: each step samples a batch, makes V augmented views, embeds them
 * with encoder + head, lets the negative strategy build the contrast set and the loss, and
 * applies the optimizer at the schedule's learning rate. The strategy's `update` commits its
 * memory after the step. Every random draw derives from (seed, step), so resume is exact.
 */
export class ContrastiveTrainer {
  constructor(private readonly parts: ContrastiveTrainerParts) {}

  async fit(data: BatchSource, options: ContrastiveFitOptions): Promise<TrainingHistory> {
    const { model, augment, strategy, schedule } = this.parts;
    const { epochs, views, seed, supervised = true, callbacks = [], checkpoint } = options;
    const multiView = new MultiView(augment, views);
    const variables = model.trainableWeights.map(asVariable);
    const saved = options.resume && checkpoint ? await checkpoint.store.loadLatest() : undefined;
    const totalSteps = epochs * data.stepsPerEpoch;
    if (saved) checkResumable(saved, checkpoint?.identity, totalSteps, epochs, data.stepsPerEpoch);
    strategy.attach({
      model: model as never,
      totalSteps,
      initialEntries: () => embedTrainingSet(model, data, supervised),
      resuming: Boolean(saved),
    });

    let history: TrainingHistory | undefined;
    let startStep = 0;
    if (saved) {
      try {
        history = this.restore(saved);
      } catch (error) {
        throw new ConfigError(`cannot resume from the checkpoint: ${(error as Error).message}`, 'checkpoint');
      }
      startStep = Number(saved.meta.step);
    }
    const checkpointDue = (completed: number) =>
      Boolean(checkpoint) && completed % (checkpoint?.everySteps ?? data.stepsPerEpoch) === 0;
    const save = async (completed: number, current: TrainingHistory) =>
      checkpoint?.store.save(await this.snapshot(completed, seed, current, checkpoint.identity));
    return runTrainingLoop({
      data,
      epochs,
      seed,
      schedule,
      callbacks,
      startStep,
      history,
      readEvery: options.lossReadEvery,
      runStep: (indices, step, learningRate) =>
        this.step(data, indices, multiView, seed, step, supervised, learningRate, variables),
      mustReadAfter: (completed) => checkpointDue(completed),
      afterStep: async (completed, current) => {
        if (checkpointDue(completed)) await save(completed, current);
      },
      onStopped: async (completed, current) => {
        await save(completed, current);
      },
    });
  }

  /**
   * One optimizer step; returns the loss tensor, which the training loop reads asynchronously
   * (so a GPU's queue is never drained by a synchronous read here).
   */
  private step(
    data: BatchSource,
    indices: Int32Array,
    multiView: MultiView,
    seed: number,
    step: number,
    supervised: boolean,
    learningRate: number,
    variables: tf.Variable[],
  ): tf.Scalar {
    const { model, strategy, loss, optimizer } = this.parts;
    const rng = stepRandom(seed, step);
    const lossTensor = tf.tidy(() => {
      const { x, labels } = data.batch(indices);
      const views = multiView.apply(x, rng);
      const { value, grads } = tf.variableGrads(() => {
        const embeddings = model.embedViews(views, true);
        return strategy.loss(
          {
            embeddings,
            labels: supervised ? labels : undefined,
            indices: strategy.needs.indices ? indices : undefined,
            views: strategy.needs.views ? views : undefined,
          },
          loss,
        );
      }, variables);
      optimizer.applyGradients(variables, grads, learningRate);
      return value;
    });
    strategy.update();
    return lossTensor;
  }

  private async snapshot(
    step: number,
    seed: number,
    history: TrainingHistory,
    identity: Record<string, unknown> | undefined,
  ): Promise<Checkpoint> {
    const { model, optimizer, strategy } = this.parts;
    const optimizerState = await optimizer.getState();
    const strategyState = await strategy.getState();
    const tensors: TensorBundle = { ...(await weightsToBundle(model.weights, 'model')) };
    for (const [name, slot] of Object.entries(optimizerState.slots)) {
      tensors[`optimizer/${name}`] = { shape: slot.shape, dtype: 'float32', values: slot.values };
    }
    for (const [name, tensor] of Object.entries(strategyState.tensors)) tensors[`strategy/${name}`] = tensor;
    return {
      meta: {
        kind: CHECKPOINT_KIND,
        step,
        seed,
        ...(identity ? { identity } : {}),
        history,
        optimizer: {
          kind: optimizerState.kind,
          step: optimizerState.step,
          slots: Object.keys(optimizerState.slots),
        },
        strategy: strategyState.meta,
      },
      tensors,
    };
  }

  private restore(saved: Checkpoint): TrainingHistory {
    const { model, optimizer, strategy } = this.parts;
    bundleToWeights(saved.tensors, model.weights, 'model');
    const optimizerMeta = saved.meta.optimizer as { kind: string; step: number; slots: string[] };
    if (optimizerMeta.kind !== optimizer.kind) {
      throw new Error(
        `checkpoint optimizer is '${optimizerMeta.kind}' but this run uses '${optimizer.kind}'`,
      );
    }
    const slots: Record<string, { shape: number[]; values: Float32Array }> = {};
    for (const name of optimizerMeta.slots) {
      const stored = saved.tensors[`optimizer/${name}`];
      slots[name] = { shape: stored.shape, values: stored.values as Float32Array };
    }
    optimizer.setState({ kind: optimizerMeta.kind, step: optimizerMeta.step, slots });
    const strategyTensors: TensorBundle = {};
    for (const [name, tensor] of Object.entries(saved.tensors)) {
      if (name.startsWith('strategy/')) strategyTensors[name.slice('strategy/'.length)] = tensor;
    }
    strategy.setState({ meta: saved.meta.strategy as never, tensors: strategyTensors });
    return saved.meta.history as TrainingHistory;
  }
}

/** Refuses a checkpoint this run cannot continue: another trainer, another setup, a larger budget. */
function checkResumable(
  saved: Checkpoint,
  identity: Record<string, unknown> | undefined,
  totalSteps: number,
  epochs: number,
  stepsPerEpoch: number,
): void {
  if (saved.meta.kind !== CHECKPOINT_KIND) {
    throw new ConfigError(
      `cannot resume: the checkpoint was written by '${String(saved.meta.kind)}', not the contrastive trainer`,
      'checkpoint',
    );
  }
  if (identity && saved.meta.identity !== undefined) {
    const changed = identityDifferences(saved.meta.identity, identity);
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
