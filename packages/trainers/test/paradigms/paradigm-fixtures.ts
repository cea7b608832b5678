import { parseExperimentConfig, type ExperimentConfig } from '@contrastive/core';
import type { LabeledDataset } from '@contrastive/datasets';
import { defaultModelBuilder, Experiment, MemoryCheckpointStore, type TrainingHistory } from '../../src';
import { blobs, fullRegistry, tinyConfig } from '../support/fixtures';

/** Blobs shaped as 8x8 one-channel images, so image augmentations and multi-crop apply. */
export function imageBlobDataset(): LabeledDataset {
  const reshape = (split: ReturnType<typeof blobs>) => ({ ...split, exampleShape: [8, 8, 1] });
  return { name: 'image-blobs', classNames: ['a', 'b', 'c', 'd'], train: reshape(blobs(4, 16, 64, 1)), test: reshape(blobs(4, 8, 64, 2)) };
}

/** The tiny tabular experiment with a paradigm trainer. */
export function paradigmConfig(trainer: { id: string; options?: Record<string, unknown> }, overrides: Record<string, unknown> = {}): ExperimentConfig {
  return tinyConfig({ id: 'in-batch' }, { trainer, ...overrides });
}

/** A tiny image experiment: seed CNN on 8x8x1, the given augmentation and trainer. */
export function imageParadigmConfig(
  trainer: { id: string; options?: Record<string, unknown> },
  augment: { id: string; options?: Record<string, unknown> },
  views: number,
): ExperimentConfig {
  return parseExperimentConfig({
    seed: 5,
    dataset: 'image-blobs',
    encoder: { id: 'small-cnn', options: { channels: [4], features: 16 } },
    head: { id: 'mlp', options: { outputDim: 8 } },
    augment,
    optimizer: { id: 'sgd', options: { momentum: 0.9 } },
    schedule: { id: 'constant', options: { learningRate: 0.05 } },
    trainer,
    pretrain: { epochs: 2, batchSize: 16, views },
    probe: { epochs: 2, batchSize: 32, learningRate: 0.05 },
  });
}

/**
 * The straight run's history, and the history of the same run stopped after step 4 (a checkpoint
 * every 3 steps and one at the stop) then resumed in a fresh model.
 */
export async function straightAndResumed(
  config: ExperimentConfig,
  dataset: LabeledDataset,
): Promise<{ straight: TrainingHistory; resumed: TrainingHistory; store: MemoryCheckpointStore }> {
  const experiment = new Experiment(config, fullRegistry(), dataset, defaultModelBuilder);
  const straightModel = experiment.buildModel();
  const straight = await experiment.pretrain(straightModel);
  straightModel.dispose();

  const store = new MemoryCheckpointStore();
  const first = experiment.buildModel();
  const stopped = await experiment.pretrain(first, {
    checkpoint: { store, everySteps: 3 },
    callbacks: [{ onStepEnd: ({ step, control }) => (step === 4 ? control.stop('test interrupt') : undefined) }],
  });
  first.dispose();
  expect(stopped.stopReason).toBe('test interrupt');
  expect(stopped.loss).toHaveLength(5);

  // A fresh process would rebuild the model from the config; so do we.
  const second = experiment.buildModel();
  const resumed = await experiment.pretrain(second, { checkpoint: { store }, resume: true });
  second.dispose();
  return { straight, resumed, store };
}

export function expectSameCurve(resumed: TrainingHistory, straight: TrainingHistory): void {
  expect(resumed.loss).toHaveLength(straight.loss.length);
  resumed.loss.forEach((value, i) => expect(value).toBeCloseTo(straight.loss[i], 5));
}
