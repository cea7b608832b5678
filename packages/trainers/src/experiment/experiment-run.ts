import type { ExperimentConfig } from '@contrastive/core';
import type { ProgressUpdate } from '../callbacks/progress';
import type { CheckpointStore } from '../checkpoint/checkpoint-store';
import type { EncoderScores } from '../evaluation/evaluate-encoder';
import type { TrainingHistory } from '../trainers/training-state';
import type { ExperimentModel } from './experiment-model';

/** Stages in the order `Experiment.run` runs them; an interruption names the one it stopped. */
export type ExperimentStage = 'pre-training' | 'evaluation' | 'cross-entropy baseline' | 'projection';

/** The stages that train a model, checkpoint and resume. */
export type TrainingStage = 'pre-training' | 'cross-entropy baseline';

/** The encoders an experiment scores, in order. */
export type EncoderRole = 'contrastive' | 'random' | 'cross-entropy';

/** How far a training stage got. */
export interface StageProgress {
  /** Optimizer steps done (what the stage's checkpoint holds). */
  completedSteps: number;
  /** Optimizer steps the stage was planned for. */
  totalSteps: number;
}

/** Observers of {@link Experiment.run}. Every hook may be async; the run awaits it. */
export interface ExperimentCallbacks {
  /** A stage begins (pre-training, evaluation, the baseline, the projection). */
  onStageStart?(stage: ExperimentStage): void | Promise<void>;
  /** A stage ended after `seconds`. */
  onStageEnd?(stage: ExperimentStage, seconds: number): void | Promise<void>;
  /** A training stage begins: its step budget, and the step it resumes from (0 for a fresh start). */
  onTrainingStart?(stage: TrainingStage, info: { totalSteps: number; startStep: number }): void | Promise<void>;
  /** After every optimizer step of a training stage. */
  onStep?(stage: TrainingStage, update: ProgressUpdate): void | Promise<void>;
  /** After every epoch of a training stage, with its mean loss. */
  onEpoch?(stage: TrainingStage, info: { epoch: number; meanLoss: number }): void | Promise<void>;
  /** A training stage ends (`stopReason` when it was stopped). */
  onTrainingEnd?(stage: TrainingStage, info: { step: number; stopReason?: string }): void | Promise<void>;
  /** An encoder's evaluation begins (`name` is its row in the score table). */
  onEvaluationStart?(encoder: EncoderRole, name: string): void | Promise<void>;
  /** An encoder's scores, as soon as they are known. */
  onScores?(encoder: EncoderRole, scores: EncoderScores): void | Promise<void>;
  /**
   * Every stage has succeeded: the result and the trained contrastive model, still alive (it is
   * disposed when `run` returns; save it here).
   */
  onComplete?(result: ExperimentResult, model: ExperimentModel): void | Promise<void>;
}

/** How `Experiment.run` runs: observers, checkpoints, resume, stop requests. */
export interface ExperimentRunOptions {
  /** Progress observers (the CLI's progress bars and log). */
  callbacks?: ExperimentCallbacks;
  /**
   * Where each training stage checkpoints (every epoch, and when stopped). Without a store a stage
   * neither saves nor resumes. Give the stages different stores: a checkpoint belongs to one stage.
   */
  checkpoints?: { pretraining?: CheckpointStore; crossEntropy?: CheckpointStore };
  /** Continue each training stage from its store's latest checkpoint; evaluation and projection re-run. */
  resume?: boolean;
  /**
   * Asked after every training step and between evaluation phases: true stops the run (a training
   * stage saves a checkpoint first) with an {@link ExperimentInterrupted}.
   */
  stopRequested?: () => boolean | Promise<boolean>;
  /** Recorded in the result (default: `tf.getBackend()`). */
  backend?: string;
  /** Points shown in the 2-D projection, subsampled evenly from the test split (default 600). */
  projectionPoints?: number;
}

/** Everything an experiment measured: what the CLI writes to `results.json`. */
export interface ExperimentResult {
  /** The parsed config, defaults filled in. */
  config: ExperimentConfig;
  /** The TensorFlow.js backend the run used. */
  backend: string;
  /** The dataset's name, classes and split sizes. */
  dataset: { name: string; classNames: string[]; train: number; test: number };
  /** Seconds per stage. */
  timings: Record<string, number>;
  /** Per-step losses and learning rates of each training stage. */
  histories: { contrastive: TrainingHistory; crossEntropy?: TrainingHistory };
  /** Contrastive encoder, random encoder of the same architecture, cross-entropy baseline. */
  scores: EncoderScores[];
  /** 2-D projection of the test embeddings (flattened x, y pairs) with their labels, for the report's plot. */
  projection: { method: 'tsne' | 'umap'; points: number[]; labels: number[] };
}

/**
 * The run was stopped on request (`stopRequested`). `pretraining` (and `crossEntropy`, once the
 * baseline started) say how far the training stages got, as their checkpoints hold it.
 */
export class ExperimentInterrupted extends Error {
  constructor(
    /** The stage that was running when the stop was requested. */
    readonly stage: ExperimentStage,
    /** How far pre-training got. */
    readonly pretraining: StageProgress,
    /** How far the cross-entropy baseline got, if it had started. */
    readonly crossEntropy?: StageProgress,
  ) {
    super(`interrupted during ${stage}`);
    this.name = 'ExperimentInterrupted';
  }
}
