import type { ExperimentConfig, PluginRegistry } from '@contrastive/core';
import type { LabeledDataset } from '@contrastive/datasets';
import type { TrainerCallback } from '../callbacks/callback';
import type { CheckpointOptions } from '../checkpoint/checkpoint-store';
import { evaluateEncoder, type EncoderEvaluation } from '../evaluation/evaluate-encoder';
import { SplitBatchSource } from '../trainers/split-batch-source';
import type { TrainingParts } from '../trainers/trainer';
import type { TrainingHistory } from '../trainers/training-state';
import {
  checkExperiment,
  CROSS_ENTROPY_TRAINER,
  experimentIdentity,
  withCurrentPluginIds,
} from './check-experiment';
import type { RunIdentity } from '../checkpoint/run-identity';
import { defaultModelBuilder } from './default-model-builder';
import type { ExperimentModel, ModelBuilder } from './experiment-model';
import type { ExperimentResult, ExperimentRunOptions } from './experiment-run';
import { runExperiment } from './run-experiment';

/** How one training stage runs: observers, checkpoints (the config's identity is added) and resume. */
export interface StageOptions {
  /** Observers of the stage's training. */
  callbacks?: TrainerCallback[];
  /** Where and how often the stage checkpoints. */
  checkpoint?: CheckpointOptions;
  /** Continue from the store's latest checkpoint. */
  resume?: boolean;
}

/**
 * An experiment assembled from a validated config: every part is built by id from the
 * registry, so swapping loss, strategy, augmentation, encoder or trainer is a config change.
 * `run()` is the whole recipe (what `contrastive train` runs); the stage methods are its steps,
 * for programs that want only some of them. Each stage builds fresh optimizer/schedule/strategy
 * instances so stages never share state. The constructor checks everything that can be known
 * before the first step (`checkExperiment`): unusable data throws a `DatasetError`, an
 * impossible combination (or a model lacking what the strategy needs) a `ConfigError`.
 */
export class Experiment {
  constructor(
    /** The parsed config. */
    readonly config: ExperimentConfig,
    /** Builds every plugin the config names. */
    readonly registry: PluginRegistry,
    /** The data, already loaded. */
    readonly dataset: LabeledDataset,
    private readonly buildModelWith: ModelBuilder = defaultModelBuilder,
  ) {
    checkExperiment(config, registry, dataset, () => this.buildModel());
  }

  /** Classes in the dataset. */
  get numClasses(): number {
    return this.dataset.classNames.length;
  }

  /**
   * The whole experiment: contrastive pre-training, then linear probe, kNN, retrieval and
   * clustering scores of (a) the contrastive encoder, (b) a random encoder of the same
   * architecture and (c) the cross-entropy baseline, then a 2-D projection of the test features.
   * Progress goes to `options.callbacks`; a stop request ends it with `ExperimentInterrupted`.
   */
  run(options: ExperimentRunOptions = {}): Promise<ExperimentResult> {
    return runExperiment(this, options);
  }

  /** A new model of the configured architecture; `variant` offsets the initialisation seed. */
  buildModel(variant = 0): ExperimentModel {
    return this.buildModelWith(
      this.config,
      this.registry,
      this.dataset.train.exampleShape,
      this.config.seed + variant,
    );
  }

  /** Contrastive pre-training with the configured trainer, strategy and loss. */
  async pretrain(model: ExperimentModel, stage: StageOptions = {}): Promise<TrainingHistory> {
    const strategy = this.registry.create('strategy', this.config.strategy);
    try {
      const loss = this.registry.create('loss', this.config.loss);
      return await this.train(this.config.trainer, { model, strategy, loss }, stage);
    } finally {
      strategy.dispose();
    }
  }

  /** The cross-entropy baseline on the same architecture, data, augmentation and budget. */
  trainCrossEntropy(model: ExperimentModel, stage: StageOptions = {}): Promise<TrainingHistory> {
    return this.train(CROSS_ENTROPY_TRAINER, { model }, stage);
  }

  /** Linear probe, kNN, retrieval and clustering scores of a frozen encoder on the test split. */
  evaluate(
    name: string,
    model: Pick<ExperimentModel, 'features'>,
    stopRequested?: () => boolean | Promise<boolean>,
  ): Promise<EncoderEvaluation> {
    return evaluateEncoder(name, model, this.dataset, this.config, stopRequested);
  }

  private async train(
    trainerRef: { id: string; options?: Record<string, unknown> },
    parts: Pick<TrainingParts, 'model' | 'loss' | 'strategy'>,
    stage: StageOptions,
  ): Promise<TrainingHistory> {
    const { pretrain, seed } = this.config;
    const trainer = this.registry.create('trainer', trainerRef);
    const optimizer = this.registry.create('optimizer', this.config.optimizer);
    // Checkpoints carry the config's identity, so resuming with another setup is refused.
    const checkpoint = stage.checkpoint && {
      identity: experimentIdentity(this.config, this.registry),
      readSavedIdentity: (saved: RunIdentity) => withCurrentPluginIds(saved, this.registry),
      ...stage.checkpoint,
    };
    try {
      return await trainer.train(
        {
          ...parts,
          augment: this.registry.create('augmentation', this.config.augment, 'augment'),
          optimizer,
          schedule: this.registry.create('schedule', this.config.schedule),
        },
        {
          data: new SplitBatchSource(this.dataset.train, {
            batchSize: pretrain.batchSize,
            samplesPerClass: pretrain.samplesPerClass,
            maxStepsPerEpoch: pretrain.maxStepsPerEpoch,
          }),
          epochs: pretrain.epochs,
        },
        {
          seed,
          numClasses: this.numClasses,
          views: pretrain.views,
          callbacks: stage.callbacks,
          checkpoint,
          resume: stage.resume,
        },
      );
    } finally {
      optimizer.dispose();
    }
  }
}
