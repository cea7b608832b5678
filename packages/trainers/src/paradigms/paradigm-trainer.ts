import * as tf from '@tensorflow/tfjs-core';
import { asViewGenerator, type ViewSource } from '@contrastive/augment';
import { ConfigError } from '@contrastive/core';
import type { TrainerCallback } from '../callbacks/callback';
import { checkResumable } from '../checkpoint/check-resumable';
import type { Checkpoint, CheckpointOptions } from '../checkpoint/checkpoint-store';
import { bundleSection, optimizerFromCheckpoint, optimizerToCheckpoint, type OptimizerMeta } from '../checkpoint/optimizer-state';
import type { Optimizer } from '../optim/optimizer';
import type { LearningRateSchedule } from '../schedule/schedule';
import type { BatchSource } from '../trainers/batch-source';
import { asVariable, bundleToWeights, weightsToBundle } from '../trainers/model-weights';
import { stepRandom } from '../trainers/step-randomness';
import type { TrainableModel } from '../trainers/trainable-model';
import { runTrainingLoop } from '../trainers/training-loop';
import type { TrainingHistory } from '../trainers/training-state';
import type { Paradigm } from './paradigm';

export interface ParadigmTrainerParts {
  model: TrainableModel;
  augment: ViewSource;
  paradigm: Paradigm;
  optimizer: Optimizer;
  schedule: LearningRateSchedule;
}

export interface ParadigmFitOptions {
  epochs: number;
  views: number;
  seed: number;
  numClasses: number;
  callbacks?: TrainerCallback[];
  checkpoint?: CheckpointOptions;
  resume?: boolean;
  lossReadEvery?: number;
}

const CHECKPOINT_KIND = 'paradigm-trainer';

/**
 * Pre-training with a {@link Paradigm} (BYOL, SimSiam, DINO, proxy losses): the trainer makes the
 * views (per-view pipelines and multi-crop groups included), runs the paradigm's loss under the
 * optimizer with the model's variables and the paradigm's own (predictor, prototypes, proxies),
 * then lets the paradigm update its target network. Every random draw derives from (seed, step)
 * and the checkpoint holds model, optimizer and paradigm state, so a resumed run continues the
 * straight run's loss curve.
 */
export class ParadigmTrainer {
  constructor(private readonly parts: ParadigmTrainerParts) {}

  async fit(data: BatchSource, options: ParadigmFitOptions): Promise<TrainingHistory> {
    const { model, paradigm, optimizer, schedule } = this.parts;
    const { epochs, seed, callbacks = [], checkpoint } = options;
    const who = `trainer '${paradigm.id}'`;
    const views = asViewGenerator(this.parts.augment, options.views);
    const saved = options.resume && checkpoint ? await checkpoint.store.loadLatest() : undefined;
    const totalSteps = epochs * data.stepsPerEpoch;
    if (saved) checkResumable(saved, CHECKPOINT_KIND, who, checkpoint?.identity, totalSteps, epochs, data.stepsPerEpoch);
    const { inputShape, embeddingDim } = probeShapes(model, data);
    paradigm.attach({
      model,
      inputShape,
      embeddingDim,
      numClasses: options.numClasses,
      totalSteps,
      stepsPerEpoch: data.stepsPerEpoch,
      seed,
    });
    const variables = [...model.trainableWeights.map(asVariable), ...paradigm.trainableVariables];
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
      runStep: (indices, step, learningRate) => {
        const rng = stepRandom(seed, step);
        const epoch = Math.floor(step / data.stepsPerEpoch);
        const loss = tf.tidy(() => {
          const { x, labels } = data.batch(indices);
          const groups = views.generate(x, rng);
          const { value, grads } = tf.variableGrads(
            () => paradigm.loss({ groups, labels: paradigm.supervised ? labels : undefined, step, epoch }),
            variables,
          );
          optimizer.applyGradients(variables, grads, learningRate);
          return value;
        });
        paradigm.afterStep(step);
        return loss;
      },
      mustReadAfter: (completed) => checkpointDue(completed),
      afterStep: async (completed, current) => {
        if (checkpointDue(completed)) await save(completed, current);
      },
      onStopped: async (completed, current) => {
        await save(completed, current);
      },
    });
  }

  private async snapshot(
    step: number,
    seed: number,
    history: TrainingHistory,
    identity: Record<string, unknown> | undefined,
  ): Promise<Checkpoint> {
    const { model, optimizer, paradigm } = this.parts;
    const optimizerState = await optimizerToCheckpoint(optimizer);
    const paradigmState = await paradigm.getState();
    const tensors = { ...(await weightsToBundle(model.weights, 'model')), ...optimizerState.tensors };
    for (const [name, tensor] of Object.entries(paradigmState.tensors)) tensors[`paradigm/${name}`] = tensor;
    return {
      meta: {
        kind: CHECKPOINT_KIND,
        paradigm: paradigm.id,
        step,
        seed,
        ...(identity ? { identity } : {}),
        history,
        optimizer: optimizerState.meta,
        paradigmState: paradigmState.meta,
      },
      tensors,
    };
  }

  private restore(saved: Checkpoint): TrainingHistory {
    const { model, optimizer, paradigm } = this.parts;
    if (saved.meta.paradigm !== paradigm.id) {
      throw new Error(`the checkpoint was written by trainer '${String(saved.meta.paradigm)}', this run is '${paradigm.id}'`);
    }
    bundleToWeights(saved.tensors, model.weights, 'model');
    optimizerFromCheckpoint(optimizer, saved.meta.optimizer as OptimizerMeta, saved.tensors);
    paradigm.setState({
      meta: saved.meta.paradigmState as Record<string, unknown>,
      tensors: bundleSection(saved.tensors, 'paradigm'),
    });
    return saved.meta.history as TrainingHistory;
  }
}

/** The model's input shape (from one example) and embedding width (one inference pass). */
function probeShapes(model: TrainableModel, data: BatchSource): { inputShape: number[]; embeddingDim: number } {
  const { x, labels } = data.batch(Int32Array.of(0));
  try {
    const embeddings = tf.tidy(() => model.embedViews(tf.expandDims(x, 1), false));
    const embeddingDim = embeddings.shape[2] as number;
    embeddings.dispose();
    return { inputShape: x.shape.slice(1), embeddingDim };
  } finally {
    tf.dispose([x, labels]);
  }
}
