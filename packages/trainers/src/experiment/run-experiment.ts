import * as tf from '@tensorflow/tfjs-core';
import type { LabeledDataset } from '@contrastive/datasets';
import type { TrainerCallback } from '../callbacks/callback';
import { progressUpdate } from '../callbacks/progress';
import type { CheckpointStore } from '../checkpoint/checkpoint-store';
import { EvaluationStopped, type EncoderScores } from '../evaluation/evaluate-encoder';
import { projectSubset } from '../evaluation/project-subset';
import type { Experiment } from './experiment';
import type { ExperimentModel } from './experiment-model';
import { methodName } from '../paradigms/method-name';
import {
  ExperimentInterrupted,
  type EncoderRole,
  type ExperimentResult,
  type ExperimentRunOptions,
  type ExperimentStage,
  type StageProgress,
  type TrainingStage,
} from './experiment-run';

/** Above this many test examples the projection uses UMAP instead of t-SNE (on the subsample either way). */
const UMAP_ABOVE_TEST_EXAMPLES = 3000;
const DEFAULT_PROJECTION_POINTS = 600;

/** The recipe behind {@link Experiment.run} (see there). */
export async function runExperiment(experiment: Experiment, options: ExperimentRunOptions): Promise<ExperimentResult> {
  const { callbacks = {}, checkpoints = {} } = options;
  const stopRequested = options.stopRequested ?? (() => false);
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
  const progress: { pretraining: StageProgress; crossEntropy?: StageProgress } = {
    pretraining: { completedSteps: 0, totalSteps: 0 },
  };
  const setProgress = (stage: TrainingStage, done: StageProgress) => {
    if (stage === 'pre-training') progress.pretraining = done;
    else progress.crossEntropy = done;
  };
  const interrupted = (stage: ExperimentStage) =>
    new ExperimentInterrupted(stage, progress.pretraining, progress.crossEntropy);

  let stage: ExperimentStage = 'pre-training';
  let stageStart = Date.now();
  const enter = async (next: ExperimentStage) => {
    if (next !== 'pre-training') {
      await callbacks.onStageEnd?.(stage, (Date.now() - stageStart) / 1000);
      if (await stopRequested()) throw interrupted(next);
    }
    stage = next;
    stageStart = Date.now();
    await callbacks.onStageStart?.(next);
  };
  const trainingCallbacks = (training: TrainingStage): TrainerCallback[] => [
    {
      onTrainBegin: async ({ totalSteps, startStep }) => {
        setProgress(training, { completedSteps: startStep, totalSteps });
        await callbacks.onTrainingStart?.(training, { totalSteps, startStep });
      },
      onStepEnd: async (info) => {
        setProgress(training, { completedSteps: info.step + 1, totalSteps: info.totalSteps });
        if (await stopRequested()) info.control.stop('interrupted');
        await callbacks.onStep?.(training, progressUpdate(info));
      },
      onEpochEnd: async ({ epoch, meanLoss }) => {
        await callbacks.onEpoch?.(training, { epoch, meanLoss });
      },
      onTrainEnd: async (info) => {
        await callbacks.onTrainingEnd?.(training, info);
      },
    },
  ];
  const stageCheckpoint = (store: CheckpointStore | undefined) => (store ? { store } : undefined);
  const evaluate = async (role: EncoderRole, name: string, model: ExperimentModel) => {
    await callbacks.onEvaluationStart?.(role, name);
    try {
      const evaluation = await experiment.evaluate(name, model, stopRequested);
      await callbacks.onScores?.(role, evaluation.scores);
      return evaluation;
    } catch (error) {
      if (error instanceof EvaluationStopped) throw interrupted(stage);
      throw error;
    }
  };

  const scores: EncoderScores[] = [];
  const model = experiment.buildModel(0);
  const models: ExperimentModel[] = [model];
  try {
    await enter('pre-training');
    const contrastive = await timed('pretraining', () =>
      experiment.pretrain(model, {
        callbacks: trainingCallbacks('pre-training'),
        checkpoint: stageCheckpoint(checkpoints.pretraining),
        resume: options.resume,
      }),
    );
    if (contrastive.stopReason) throw interrupted('pre-training');

    await enter('evaluation');
    const evaluated = await timed('evaluation', () =>
      evaluate('contrastive', methodName(config), model),
    );
    scores.push(evaluated.scores);
    const randomModel = experiment.buildModel(1);
    models.push(randomModel);
    scores.push((await evaluate('random', 'random encoder', randomModel)).scores);

    await enter('cross-entropy baseline');
    const ceModel = experiment.buildModel(2);
    models.push(ceModel);
    const crossEntropy = await timed('cross-entropy baseline', () =>
      experiment.trainCrossEntropy(ceModel, {
        callbacks: trainingCallbacks('cross-entropy baseline'),
        checkpoint: stageCheckpoint(checkpoints.crossEntropy),
        resume: options.resume,
      }),
    );
    if (crossEntropy.stopReason) throw interrupted('cross-entropy baseline');
    scores.push((await evaluate('cross-entropy', 'cross-entropy', ceModel)).scores);

    await enter('projection');
    const method = evaluated.testFeatures.rows > UMAP_ABOVE_TEST_EXAMPLES ? 'umap' : 'tsne';
    const projection = await timed(`projection (${method})`, () =>
      projectSubset(
        evaluated.testFeatures,
        dataset.test.labels,
        method,
        options.projectionPoints ?? DEFAULT_PROJECTION_POINTS,
        config.seed,
      ),
    );
    await callbacks.onStageEnd?.('projection', (Date.now() - stageStart) / 1000);
    const result: ExperimentResult = {
      config,
      backend: options.backend ?? tf.getBackend(),
      dataset: describeDataset(dataset),
      timings,
      histories: { contrastive, crossEntropy },
      scores,
      projection: { method, ...projection },
    };
    await callbacks.onComplete?.(result, model);
    return result;
  } finally {
    for (const built of models) built.dispose();
  }
}

function describeDataset(dataset: LabeledDataset): ExperimentResult['dataset'] {
  return {
    name: dataset.name,
    classNames: dataset.classNames,
    train: dataset.train.size,
    test: dataset.test.size,
  };
}
