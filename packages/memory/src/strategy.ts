import type * as tf from '@tensorflow/tfjs-core';
import type { ContrastiveLoss } from '@contrastive/losses';
import type { StrategyState } from './state/strategy-state';
import type { MomentumModel } from './moco/momentum-model';

/**
 * One training step as the trainer sees it. Only `embeddings` is always required;
 * a strategy states what else it reads in {@link NegativeStrategy.needs}.
 */
export interface StrategyStep {
  /**
   * `[B, V, D]`: the query branch's embeddings of the B samples' V views, L2-normalised and
   * differentiable (computed inside the optimizer's loss function). `[N, D]` is accepted as V = 1.
   */
  embeddings: tf.Tensor;
  /** `[B]` integer class labels (supervised form). Without them every sample is its own class. */
  labels?: tf.Tensor1D;
  /** Length B: each sample's index in the dataset (the memory bank's rows). */
  indices?: Int32Array;
  /** `[B, V, ...inputShape]`: the augmented views themselves (MoCo feeds them to its key encoder). */
  views?: tf.Tensor;
}

/** What a strategy reads from a {@link StrategyStep} besides `embeddings` (so the trainer can skip work). */
export interface StrategyNeeds {
  /** `step.views` is required (MoCo's key encoder). */
  readonly views: boolean;
  /** `step.indices` is required (memory bank). */
  readonly indices: boolean;
  /**
   * `attach({ model })` must be a {@link MomentumModel} (`embed(x)`, `clone()`): MoCo clones it
   * into its key encoder. Trainers check the model against it before the first step.
   */
  readonly momentumModel?: boolean;
}

/** Given once, before the first step. */
export interface StrategyContext {
  /** The query model (encoder + head). MoCo clones it into its momentum (key) model. */
  model?: MomentumModel;
  /** Planned number of optimizer steps of the whole run (for momentum schedules). */
  totalSteps?: number;
  /**
   * Embeds the whole training set with the current (initial) model, no augmentation, inference
   * mode: row i is dataset index i. Called lazily, only by strategies that keep one entry per
   * sample (the memory bank fills itself from it); the caller of the hook disposes the tensors.
   */
  initialEntries?: () => InitialEntries;
  /**
   * A checkpoint's state is restored (`setState`) right after `attach`: skip work that state
   * overwrites (the memory bank does not fill itself from the encoder then).
   */
  resuming?: boolean;
}

/** The run a strategy will serve, known before the first step (see {@link NegativeStrategy.validate}). */
export interface StrategySetup {
  /** The experiment's loss (a strategy built with its own loss may ignore it). */
  loss?: ContrastiveLoss;
  /** Samples per batch (B). */
  batchSize: number;
  /** Augmented views per sample (V). */
  views: number;
  /** Examples in the training set (the memory bank's rows). */
  datasetSize: number;
  /** Whether labels reach the loss; without them each sample is its own class. */
  supervised: boolean;
}

/** The training set under the initial model, in dataset-index order. */
export interface InitialEntries {
  /** `[size, D]` embeddings (normalised by the receiver). */
  embeddings: tf.Tensor2D;
  /** `[size]` integer labels, when the run is supervised. */
  labels?: tf.Tensor1D;
}

/**
 * How the contrast set of a step is built: from the batch only (`in-batch`), from a queue of
 * past embeddings (`cross-batch-memory`), from a per-sample memory bank (`memory-bank`) or from
 * a momentum encoder's queue of keys (`moco`). A trainer drives every strategy the same way:
 *
 * ```ts
 * await strategy.attach({ model, totalSteps });            // once
 * for (const step of steps) {
 *   optimizer.minimize(() => {
 *     const embeddings = embedViews(model, views);          // [B, V, D], differentiable
 *     return strategy.loss({ embeddings, labels, indices, views }, loss);
 *   });
 *   await strategy.update();                                // commit: enqueue / bank write / momentum step
 * }
 * ```
 *
 * `loss()` is pure with respect to the strategy's memory: it may be called several times and it
 * only stashes (a detached copy of) what the following `update()` will commit, because every
 * tensor created inside the optimizer's loss function is disposed when `minimize` returns.
 * Gradients flow only through `step.embeddings`: memories, banks and keys are constants.
 *
 * `attach()` and `update()` may return a promise (the memory bank reads the step's features
 * back to the host, and on GPU backends that read is asynchronous): always await them. No
 * strategy reads tensors synchronously on a step's path.
 */
export interface NegativeStrategy {
  /** The plugin id: `in-batch`, `cross-batch-memory`, `memory-bank`, `moco` (or a user's). */
  readonly id: string;
  /** What the strategy reads from a step besides `embeddings`, so the trainer can skip work. */
  readonly needs: StrategyNeeds;
  /**
   * Throws an error naming the option at fault when this strategy cannot serve `setup` (a loss
   * it cannot use, a memory too small for a step, no positives at all): called when an experiment
   * is built, so an impossible config fails before any training. Optional for custom strategies.
   */
  validate?(setup: StrategySetup): void;
  /**
   * Call once before the first `loss()` (MoCo builds its momentum model here, the memory bank
   * fills itself from `initialEntries`); await what it returns.
   */
  attach(context: StrategyContext): void | Promise<void>;
  /**
   * The step's loss, a differentiable scalar. Call it inside the optimizer's loss function.
   * `loss` is the experiment's loss; strategies with a contrast set outside the batch need one
   * that implements `computeWithReference` (`ntxent`, `supcon`). A strategy built with its own
   * loss ignores the argument.
   */
  loss(step: StrategyStep, loss?: ContrastiveLoss): tf.Scalar;
  /**
   * Commits the step whose loss was computed last, after the optimizer step, with no gradient:
   * enqueue into the memory, momentum-update the bank entries or the key encoder.
   * Throws if no `loss()` preceded it. Await what it returns before the next `loss()`.
   */
  update(): void | Promise<void>;
  /** Snapshot for checkpoints (memory contents, pointers, RNG, momentum weights). */
  getState(): Promise<StrategyState>;
  /** Restores a snapshot; the next `loss()` equals the one the saved strategy would have computed. */
  setState(state: StrategyState): void;
  /** Frees every tensor and variable the strategy holds. */
  dispose(): void;
}
