import * as path from 'path';
import type { ExperimentConfig, PluginRegistry } from '@contrastive/core';
import type { LabeledDataset } from '@contrastive/datasets';
import { project2d } from '@contrastive/eval';
import {
  Experiment,
  ProgressCallback,
  type ExperimentModel,
  type ModelBuilder,
  type TrainerCallback,
  type TrainingHistory,
} from '@contrastive/trainers';
import { FileCheckpointStore } from '@contrastive/trainers/node';
import { saveModelDirectory } from '../output/save-model';
import type { ConsoleReporter } from '../output/console-reporter';
import { evaluateEncoder, type EncoderScores } from './evaluate-encoder';

export interface ExperimentRunOptions {
  reporter: ConsoleReporter;
  buildModel: ModelBuilder;
  /** Set when the user pressed Ctrl-C: training stops at the next step and checkpoints. */
  interrupted: () => boolean;
  resume?: boolean;
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
  interrupted: boolean;
  modelDir?: string;
}

/**
 * The main job: contrastive pre-training, then the seeds' comparison of linear probes on
 * (a) the contrastive encoder, (b) a random encoder of the same architecture and (c) the
 * cross-entropy baseline, with kNN, retrieval and clustering scores and a 2-D projection.
 */
export async function runExperiment(
  config: ExperimentConfig,
  registry: PluginRegistry,
  dataset: LabeledDataset,
  backend: string,
  options: ExperimentRunOptions,
): Promise<ExperimentResult> {
  const { reporter } = options;
  const experiment = new Experiment(config, registry, dataset, options.buildModel);
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const start = Date.now();
    try {
      return await work();
    } finally {
      timings[name] = (Date.now() - start) / 1000;
    }
  };
  const stageCallbacks = (stage: string): TrainerCallback[] => [
    {
      onTrainBegin: ({ totalSteps }) => reporter.startStage(stage, totalSteps),
      onStepEnd: ({ control }) => {
        if (options.interrupted()) control.stop('interrupted (Ctrl-C)');
      },
      onTrainEnd: () => reporter.stopStage(),
    },
    new ProgressCallback((update) => reporter.progress(update)),
  ];

  const scores: EncoderScores[] = [];
  const model = experiment.buildModel(0);
  const models: ExperimentModel[] = [model];
  try {
    const contrastive = await timed('pretraining', () =>
      experiment.pretrain(model, {
        callbacks: stageCallbacks('pretraining'),
        checkpoint: { store: new FileCheckpointStore(path.join(config.output.dir, 'checkpoints')) },
        resume: options.resume,
      }),
    );
    const modelDir = await saveModelDirectory(model, path.join(config.output.dir, 'model'));
    if (contrastive.stopReason) {
      return partialResult(config, backend, dataset, timings, contrastive, modelDir);
    }

    reporter.info('evaluating the contrastive encoder');
    const evaluated = await timed('evaluation', () =>
      evaluateEncoder(`${config.loss.id} (${config.strategy.id})`, model, dataset, config),
    );
    scores.push(evaluated.scores);

    const randomModel = experiment.buildModel(1);
    models.push(randomModel);
    reporter.info('evaluating a random encoder of the same architecture');
    scores.push(evaluateEncoder('random encoder', randomModel, dataset, config).scores);

    const ceModel = experiment.buildModel(2);
    models.push(ceModel);
    const crossEntropy = await timed('cross-entropy baseline', () =>
      experiment.trainCrossEntropy(ceModel, { callbacks: stageCallbacks('cross-entropy') }),
    );
    if (!crossEntropy.stopReason) {
      scores.push(evaluateEncoder('cross-entropy', ceModel, dataset, config).scores);
    }

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
    return {
      config,
      backend,
      dataset: describeDataset(dataset),
      timings,
      histories: { contrastive, crossEntropy },
      scores,
      projection: { method, ...projection },
      interrupted: Boolean(crossEntropy.stopReason),
      modelDir,
    };
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

function partialResult(
  config: ExperimentConfig,
  backend: string,
  dataset: LabeledDataset,
  timings: Record<string, number>,
  contrastive: TrainingHistory,
  modelDir: string,
): ExperimentResult {
  return {
    config,
    backend,
    dataset: describeDataset(dataset),
    timings,
    histories: { contrastive },
    scores: [],
    projection: { method: 'tsne', points: [], labels: [] },
    interrupted: true,
    modelDir,
  };
}
