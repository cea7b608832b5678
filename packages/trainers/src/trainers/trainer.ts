import type { Augmentation } from '@contrastive/augment';
import type { ContrastiveLoss } from '@contrastive/losses';
import type { NegativeStrategy } from '@contrastive/memory';
import type { TrainerCallback } from '../callbacks/callback';
import type { CheckpointOptions } from '../checkpoint/checkpoint-store';
import type { Optimizer } from '../optim/optimizer';
import type { LearningRateSchedule } from '../schedule/schedule';
import type { BatchSource } from './batch-source';
import type { TrainingHistory } from './training-state';
import type { TrainableModel } from './trainable-model';

/** Everything a pre-training run is given; built from the config by `buildExperiment`. */
export interface TrainContext {
  model: TrainableModel;
  augment: Augmentation;
  /** Required by contrastive trainers; the cross-entropy baseline has none. */
  strategy?: NegativeStrategy;
  loss: ContrastiveLoss;
  optimizer: Optimizer;
  schedule: LearningRateSchedule;
  data: BatchSource;
  numClasses: number;
  /** Width of the encoder's (pre-head) features. */
  featureDim: number;
  epochs: number;
  /** Augmented views per sample (contrastive trainers). */
  views: number;
  seed: number;
  callbacks?: TrainerCallback[];
  checkpoint?: CheckpointOptions;
  resume?: boolean;
}

/** What a run will be given, known before any model is built (see {@link Trainer.validate}). */
export interface TrainPlan {
  strategy?: NegativeStrategy;
  loss: ContrastiveLoss;
  data: BatchSource;
  batchSize: number;
  views: number;
  numClasses: number;
}

/** The uniform contract of `trainer` plugins: train the context's model, return the history. */
export interface Trainer {
  readonly id: string;
  /**
   * Throws an error naming the setting at fault when this trainer cannot learn from `plan`
   * (no strategy, a strategy that cannot serve the loss or the batch...). Called when an
   * experiment is built, before the first step. Optional for custom trainers.
   */
  validate?(plan: TrainPlan): void;
  train(context: TrainContext): Promise<TrainingHistory>;
}
