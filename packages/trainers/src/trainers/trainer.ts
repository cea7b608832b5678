import type { ViewSource } from '@contrastive/augment';
import type { ContrastiveLoss } from '@contrastive/losses';
import type { NegativeStrategy } from '@contrastive/memory';
import type { TrainerCallback } from '../callbacks/callback';
import type { CheckpointOptions } from '../checkpoint/checkpoint-store';
import type { Optimizer } from '../optim/optimizer';
import type { LearningRateSchedule } from '../schedule/schedule';
import type { BatchSource } from './batch-source';
import type { TrainingHistory } from './training-state';
import type { TrainableModel } from './trainable-model';

/** What a training stage trains with. The caller owns every part and disposes it. */
export interface TrainingParts {
  /** The model trained in place. */
  model: TrainableModel;
  /** One augmentation (V copies) or a view generator (per-view pipelines, multi-crop). */
  augment: ViewSource;
  /** Applies the gradients. */
  optimizer: Optimizer;
  /** Gives the learning rate of each step. */
  schedule: LearningRateSchedule;
  /** The contrastive loss; a trainer with its own objective (cross-entropy) refuses one in `validate`. */
  loss?: ContrastiveLoss;
  /** The negative strategy of contrastive trainers; others refuse one in `validate`. */
  strategy?: NegativeStrategy;
}

/** How much a stage trains: `epochs` passes of `data` (whose batch size and steps per epoch it fixes). */
export interface TrainingBudget {
  /** The training batches. */
  data: BatchSource;
  /** Passes over `data`. */
  epochs: number;
}

/** How a stage runs: randomness, what the data looks like, observers, checkpoints. */
export interface TrainingRunOptions {
  /** Every random draw derives from it and the step, so a resumed run repeats a straight one. */
  seed: number;
  /** Classes in the data (trainers with a classifier, such as the cross-entropy baseline). */
  numClasses?: number;
  /** Augmented views per sample (contrastive trainers; the cross-entropy baseline uses one). */
  views?: number;
  /** Observers, awaited in order. */
  callbacks?: TrainerCallback[];
  /** Where and how often to checkpoint (every epoch by default, and when a callback stops the run). */
  checkpoint?: CheckpointOptions;
  /** Continue from the store's latest checkpoint if there is one. */
  resume?: boolean;
  /** Steps between host reads of the loss (default: 1 on CPU backends, 10 on GPU ones). */
  lossReadEvery?: number;
}

/** What a stage will be given, known before any step runs (see {@link Trainer.validate}). */
export interface TrainPlan {
  /** The negative strategy the stage will get. */
  strategy?: NegativeStrategy;
  /** The loss the stage will get. */
  loss?: ContrastiveLoss;
  /** The training batches. */
  data: BatchSource;
  /** Samples per batch. */
  batchSize: number;
  /** Augmented views per sample. */
  views: number;
  /** Classes in the data. */
  numClasses: number;
  /**
   * A model built as the run will build it, when some part needs more of it than
   * {@link TrainableModel} (MoCo's `clone()`/`embed()`): checked here rather than mid-training.
   */
  model?: () => TrainableModel;
}

/**
 * A training stage: the contract of `trainer` plugins, which {@link ContrastiveTrainer} and
 * {@link CrossEntropyTrainer} implement. It trains `parts.model` in place and returns the history.
 */
export interface Trainer {
  /** The plugin id (`contrastive`, `cross-entropy`). */
  readonly id: string;
  /**
   * Throws an error naming the setting at fault when this trainer cannot learn from `plan`
   * (no strategy, a strategy that cannot serve the loss or the batch, a model lacking what a
   * part needs...). Called when an experiment is built, before the first step. Optional for
   * custom trainers.
   */
  validate?(plan: TrainPlan): void;
  /** Trains `parts.model` for the budget and returns the per-step history; checkpoints and callbacks as `options` say. */
  train(parts: TrainingParts, budget: TrainingBudget, options: TrainingRunOptions): Promise<TrainingHistory>;
}
