import type * as tf from '@tensorflow/tfjs-core';
import type { ViewGroup } from '@contrastive/augment';
import type { TensorBundle } from '../checkpoint/tensor-bundle';
import type { TrainableModel } from '../trainers/trainable-model';

/** What a paradigm learns about the run before the first step. */
export interface ParadigmSetup {
  /** The online (student) network: encoder + head, as the config builds it. */
  model: TrainableModel;
  /** `[...inputShape]` of one example, what the model takes. */
  inputShape: number[];
  /** Width D of the model's embeddings. */
  embeddingDim: number;
  /** Classes in the data. */
  numClasses: number;
  /** Optimizer steps of the whole run (EMA and temperature schedules). */
  totalSteps: number;
  /** Optimizer steps in one epoch. */
  stepsPerEpoch: number;
  /** Run seed, for the paradigm's own parameters (predictor, prototypes, proxies). */
  seed: number;
}

/** One training step as a paradigm sees it. */
export interface ParadigmStep {
  /** The views, grouped by size (see `ViewGroup` of `@contrastive/augment`), in view order. */
  groups: ViewGroup[];
  /** `[B]` int32 labels; only given to paradigms that declare `supervised`. */
  labels?: tf.Tensor1D;
  /** 0-based global step and epoch (schedules: DINO's teacher temperature, EMA momentum). */
  step: number;
  /** 0-based epoch. */
  epoch: number;
}

/** A paradigm's checkpointable state: JSON metadata and named tensors (target weights, centre, ...). */
export interface ParadigmState {
  /** JSON-able metadata. */
  meta: Record<string, unknown>;
  /** Named tensors. */
  tensors: TensorBundle;
}

/** What a run will be, known when the experiment is built (see {@link Paradigm.validate}). */
export interface ParadigmPlan {
  /** Augmented views per sample. */
  views: number;
  /** Samples per batch. */
  batchSize: number;
  /** Classes in the data. */
  numClasses: number;
}

/**
 * How a self-supervised (or proxy-based) method turns the online network's views into a loss,
 * beside the generic pieces the paradigm trainer owns (views, optimizer, schedule, loop,
 * checkpoints). A paradigm holds what the method adds to the online network: a target network
 * (EMA teacher), a predictor, prototypes or class proxies, and the loss with its state.
 *
 * ```ts
 * paradigm.attach(setup);                                              // once: build target, predictor...
 * const variables = [...modelVariables, ...paradigm.trainableVariables];
 * for (const step of steps) {
 *   const { grads } = tf.variableGrads(() => paradigm.loss(step), variables);
 *   optimizer.applyGradients(variables, grads, lr);
 *   paradigm.afterStep(step.step);                                     // EMA update of the target
 * }
 * ```
 */
export interface Paradigm {
  /** The trainer plugin id (`byol`, `simsiam`, `dino`, `proxy-anchor`, `arcface`). */
  readonly id: string;
  /** Whether `loss` needs the labels (proxy losses). */
  readonly supervised: boolean;
  /** Throws an error naming the setting at fault when this paradigm cannot serve `plan`. */
  validate?(plan: ParadigmPlan): void;
  /** Builds the paradigm's own parts (target network, predictor, prototypes) for this model; once, before the first step. */
  attach(setup: ParadigmSetup): void;
  /** Parameters of the paradigm's own that the optimizer updates with the model's (after `attach`). */
  readonly trainableVariables: tf.Variable[];
  /** The step's loss, differentiable with respect to the model and {@link trainableVariables}. */
  loss(step: ParadigmStep): tf.Scalar;
  /** After the optimizer step (EMA of the target network); no gradient. */
  afterStep(step: number): void;
  /** Snapshot of the paradigm's state for a checkpoint. */
  getState(): Promise<ParadigmState>;
  /** Restores a snapshot taken by {@link getState} on a paradigm attached to the same setup. */
  setState(state: ParadigmState): void;
  /** Frees the paradigm's own tensors. */
  dispose(): void;
}
