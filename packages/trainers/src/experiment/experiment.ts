import type { ExperimentConfig, PluginRegistry } from '@contrastive/core';
import type { LabeledDataset } from '@contrastive/datasets';
import type { NegativeStrategy } from '@contrastive/memory';
import type { TrainerCallback } from '../callbacks/callback';
import type { CheckpointOptions } from '../checkpoint/checkpoint-store';
import { LinearProbeTrainer, type LinearProbeResult } from '../trainers/linear-probe-trainer';
import { SplitBatchSource } from '../trainers/split-batch-source';
import type { TrainableModel } from '../trainers/trainable-model';
import type { TrainingHistory } from '../trainers/training-state';
import { checkExperiment, CROSS_ENTROPY_TRAINER, experimentIdentity } from './check-experiment';

/** A model the experiment can train, probe and free. */
export interface ExperimentModel extends TrainableModel {
  readonly featureDim: number;
  dispose(): void;
}

export type ModelBuilder = (
  config: ExperimentConfig,
  registry: PluginRegistry,
  inputShape: number[],
  seed: number,
) => ExperimentModel;

export interface StageOptions {
  callbacks?: TrainerCallback[];
  checkpoint?: CheckpointOptions;
  resume?: boolean;
}

/**
 * An experiment assembled from a validated config: every part is built by id from the
 * registry, so swapping loss, strategy, augmentation, encoder or trainer is a config change.
 * Each stage builds fresh optimizer/schedule/strategy instances so stages never share state.
 * The constructor checks everything that can be known before the first step (`checkExperiment`):
 * unusable data throws a `DatasetError`, an impossible combination a `ConfigError`.
 */
export class Experiment {
  constructor(
    readonly config: ExperimentConfig,
    readonly registry: PluginRegistry,
    readonly dataset: LabeledDataset,
    private readonly buildModelWith: ModelBuilder,
  ) {
    checkExperiment(config, registry, dataset);
  }

  get numClasses(): number {
    return this.dataset.classNames.length;
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

  /** Stage 1: contrastive pre-training with the configured trainer, strategy and loss. */
  async pretrain(model: ExperimentModel, stage: StageOptions = {}): Promise<TrainingHistory> {
    const strategy = this.registry.create('strategy', this.config.strategy);
    try {
      // Checkpoints carry the config's identity, so resuming with another setup is refused.
      const checkpoint = stage.checkpoint && {
        identity: experimentIdentity(this.config),
        ...stage.checkpoint,
      };
      return await this.train(this.config.trainer, model, strategy, { ...stage, checkpoint });
    } finally {
      strategy.dispose();
    }
  }

  /** The cross-entropy baseline on the same architecture, data, augmentation and budget. */
  async trainCrossEntropy(model: ExperimentModel, stage: StageOptions = {}): Promise<TrainingHistory> {
    return this.train(CROSS_ENTROPY_TRAINER, model, undefined, stage);
  }

  /** Stage 2: a linear classifier on the frozen encoder's features. */
  probe(model: ExperimentModel): LinearProbeResult {
    const { epochs, batchSize, learningRate } = this.config.probe;
    return new LinearProbeTrainer(model, { epochs, batchSize, learningRate, seed: this.config.seed }).fit(
      this.dataset.train,
      this.dataset.test,
    );
  }

  private async train(
    trainerRef: { id: string; options?: Record<string, unknown> },
    model: ExperimentModel,
    strategy: NegativeStrategy | undefined,
    stage: StageOptions,
  ): Promise<TrainingHistory> {
    const { pretrain, seed } = this.config;
    const trainer = this.registry.create('trainer', trainerRef);
    const optimizer = this.registry.create('optimizer', this.config.optimizer);
    try {
      return await trainer.train({
        model,
        augment: this.registry.create('augmentation', this.config.augment, 'augment'),
        strategy,
        loss: this.registry.create('loss', this.config.loss),
        optimizer,
        schedule: this.registry.create('schedule', this.config.schedule),
        data: new SplitBatchSource(this.dataset.train, {
          batchSize: pretrain.batchSize,
          samplesPerClass: pretrain.samplesPerClass,
          maxStepsPerEpoch: pretrain.maxStepsPerEpoch,
        }),
        numClasses: this.numClasses,
        featureDim: model.featureDim,
        epochs: pretrain.epochs,
        views: pretrain.views,
        seed,
        ...stage,
      });
    } finally {
      optimizer.dispose();
    }
  }
}
