import type { ExperimentConfig } from '@contrastive/core';
import type { LabeledDataset } from '@contrastive/datasets';
import { project2d } from '@contrastive/eval';
import {
  ProgressCallback,
  type CheckpointStore,
  type Experiment,
  type ExperimentModel,
  type TrainerCallback,
  type TrainingHistory,
} from '@contrastive/trainers';
import type { ConsoleReporter } from '../output/console-reporter';
import { evaluateEncoder, EvaluationStopped, type EncoderScores } from './evaluate-encoder';

export interface ExperimentRunOptions {
  reporter: ConsoleReporter;
  /** Pre-training checkpoints (saved every epoch and when stopped). */
  checkpoints: { store: CheckpointStore; location: string };
  resume?: boolean;
  /**
   * Asked after every training step and between evaluation phases: true stops the run
   * (pre-training saves a checkpoint first) with an {@link ExperimentInterrupted}.
   */
  stopRequested: () => Promise<boolean>;
  /** Called once every stage has succeeded, with the still-live trained model and the result. */
  publish?: (model: ExperimentModel, result: ExperimentResult) => Promise<void>;
  /** Points shown in the 2-D projection (subsampled from the test split). */
  projectionPoints?: number;
}

export interface ExperimentResult {
  config: ExperimentConfig;
  backend: string;
  dataset: { name: string; classNames: string[]; train: number; test: number };
  timings: Record<string, number>;
  histories: { contrastive: TrainingHistory; crossEntropy?: TrainingHistory };
  scores: EncoderScores[];
  projection: { method: 'tsne' | 'umap'; points: number[]; labels: number[] };
}

/** Stages in the order they run; an interruption names the one it stopped. */
export type ExperimentStage = 'pre-training' | 'evaluation' | 'cross-entropy baseline' | 'projection';

/** The run was stopped on request; `pretraining` is the history saved in the checkpoint. */
export class ExperimentInterrupted extends Error {
  constructor(
    readonly stage: ExperimentStage,
    readonly pretraining: { completedSteps: number; totalSteps: number },
  ) {
    super(`interrupted during ${stage}`);
    this.name = 'ExperimentInterrupted';
  }
}

/**
 * The main job: contrastive pre-training, then the seeds' comparison of linear probes on
 * (a) the contrastive encoder, (b) a random encoder of the same architecture and (c) the
 * cross-entropy baseline, with kNN, retrieval and clustering scores and a 2-D projection.
 * Only pre-training is resumable: a stop in a later stage re-runs that stage on `--resume`.
 */
export async function runExperiment(
  experiment: Experiment,
  backend: string,
  options: ExperimentRunOptions,
): Promise<ExperimentResult> {
  const { reporter, stopRequested } = options;
  const { config, dataset } = experiment;
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const start = Date.now();
    try {
      return await work();
    } finally {
      timings[name] = (Date.now() - start) / 1000;
    }
  };
  let pretraining = { completedSteps: 0, totalSteps: 0 };
  let stage: ExperimentStage = 'pre-training';
  const stopCheck: TrainerCallback = {
    onStepEnd: async ({ step, totalSteps, control }) => {
      if (stage === 'pre-training') pretraining = { completedSteps: step + 1, totalSteps };
      if (await stopRequested()) control.stop('interrupted');
    },
  };
  const stageCallbacks = (name: string, extra: TrainerCallback[] = []): TrainerCallback[] => [
    ...extra,
    {
      onTrainBegin: ({ totalSteps }) => reporter.startStage(name, totalSteps),
      onTrainEnd: () => reporter.stopStage(),
    },
    stopCheck,
    new ProgressCallback((update) => reporter.progress(update)),
  ];
  const resumeReport: TrainerCallback = {
    onTrainBegin: ({ totalSteps, startStep }) => {
      pretraining = { completedSteps: startStep, totalSteps };
      if (startStep > 0) {
        reporter.info(`resuming from step ${startStep} of ${totalSteps} (${options.checkpoints.location})`, {
          resumedFrom: startStep,
          totalSteps,
        });
      } else if (options.resume) {
        reporter.warn(
          `--resume: no checkpoint in ${options.checkpoints.location}, starting from step 0 of ${totalSteps}`,
        );
      }
    },
  };
  const stopIf = async (next: ExperimentStage) => {
    stage = next;
    if (await stopRequested()) throw new ExperimentInterrupted(next, pretraining);
  };
  const evaluate = async (name: string, model: ExperimentModel) => {
    try {
      return await evaluateEncoder(name, model, dataset, config, stopRequested);
    } catch (error) {
      if (error instanceof EvaluationStopped) throw new ExperimentInterrupted(stage, pretraining);
      throw error;
    }
  };

  const scores: EncoderScores[] = [];
  const model = experiment.buildModel(0);
  const models: ExperimentModel[] = [model];
  try {
    const contrastive = await timed('pretraining', () =>
      experiment.pretrain(model, {
        callbacks: stageCallbacks('pretraining', [resumeReport]),
        checkpoint: { store: options.checkpoints.store },
        resume: options.resume,
      }),
    );
    if (contrastive.stopReason) throw new ExperimentInterrupted('pre-training', pretraining);

    await stopIf('evaluation');
    reporter.info('evaluating the contrastive encoder');
    const evaluated = await timed('evaluation', () =>
      evaluate(`${config.loss.id} (${config.strategy.id})`, model),
    );
    scores.push(evaluated.scores);

    const randomModel = experiment.buildModel(1);
    models.push(randomModel);
    reporter.info('evaluating a random encoder of the same architecture');
    scores.push((await evaluate('random encoder', randomModel)).scores);

    await stopIf('cross-entropy baseline');
    const ceModel = experiment.buildModel(2);
    models.push(ceModel);
    const crossEntropy = await timed('cross-entropy baseline', () =>
      experiment.trainCrossEntropy(ceModel, { callbacks: stageCallbacks('cross-entropy') }),
    );
    if (crossEntropy.stopReason) throw new ExperimentInterrupted('cross-entropy baseline', pretraining);
    scores.push((await evaluate('cross-entropy', ceModel)).scores);

    await stopIf('projection');
    const method = evaluated.testFeatures.rows > 3000 ? 'umap' : 'tsne';
    const projection = await timed(`projection (${method})`, () =>
      projectSubset(
        evaluated.testFeatures,
        dataset.test.labels,
        method,
        options.projectionPoints ?? 600,
        config.seed,
      ),
    );
    const result: ExperimentResult = {
      config,
      backend,
      dataset: describeDataset(dataset),
      timings,
      histories: { contrastive, crossEntropy },
      scores,
      projection: { method, ...projection },
    };
    await options.publish?.(model, result);
    return result;
  } finally {
    for (const built of models) built.dispose();
  }
}

function projectSubset(
  features: { data: Float32Array; rows: number; cols: number },
  labels: Int32Array,
  method: 'tsne' | 'umap',
  maxPoints: number,
  seed: number,
): { points: number[]; labels: number[] } {
  // An evenly strided subsample keeps every class represented and the plot readable.
  const stride = Math.max(1, Math.floor(features.rows / maxPoints));
  const rows = Array.from({ length: Math.ceil(features.rows / stride) }, (_, i) => i * stride).filter(
    (r) => r < features.rows,
  );
  const data = new Float32Array(rows.length * features.cols);
  rows.forEach((row, i) =>
    data.set(features.data.subarray(row * features.cols, (row + 1) * features.cols), i * features.cols),
  );
  const points = project2d({ data, rows: rows.length, cols: features.cols }, { method, seed });
  return { points: Array.from(points), labels: rows.map((row) => labels[row]) };
}

function describeDataset(dataset: LabeledDataset) {
  return {
    name: dataset.name,
    classNames: dataset.classNames,
    train: dataset.train.size,
    test: dataset.test.size,
  };
}
