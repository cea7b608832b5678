import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@contrastive/backend';
import { augmentModule } from '@contrastive/augment';
import {
  parseExperimentConfig,
  PluginRegistry,
  SeededRandom,
  type ExperimentConfig,
} from '@contrastive/core';
import { datasetsModule, type LabeledDataset, type LabeledSplit } from '@contrastive/datasets';
import { encodersModule } from '@contrastive/encoders';
import { lossesModule } from '@contrastive/losses';
import { memoryModule } from '@contrastive/memory';
import { trainersModule } from '../../src';

/** Every package's plugins, as an application would load them. */
export function fullRegistry(): PluginRegistry {
  return new PluginRegistry().load(
    lossesModule,
    encodersModule,
    augmentModule,
    datasetsModule,
    memoryModule,
    trainersModule,
  );
}

/** Gaussian blobs: `perClass` points per class around well separated centres in `dim` dimensions. */
export function blobs(classes: number, perClass: number, dim: number, seed: number): LabeledSplit {
  const rng = new SeededRandom(seed);
  const centres = Array.from({ length: classes }, () => Array.from({ length: dim }, () => rng.normal(0, 2)));
  const size = classes * perClass;
  const x = new Float32Array(size * dim);
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    labels[i] = i % classes;
    for (let d = 0; d < dim; d++) x[i * dim + d] = centres[labels[i]][d] + rng.normal(0, 1);
  }
  return { x, exampleShape: [dim], labels, size };
}

export function blobDataset(): LabeledDataset {
  return {
    name: 'blobs',
    classNames: ['a', 'b', 'c', 'd'],
    train: blobs(4, 32, 8, 1),
    test: blobs(4, 16, 8, 1),
  };
}

/** A tiny tabular experiment: MLP encoder, linear head, SupCon, SGD, the given strategy. */
export function tinyConfig(
  strategy: { id: string; options?: Record<string, unknown> },
  overrides: Partial<Record<string, unknown>> = {},
): ExperimentConfig {
  return parseExperimentConfig({
    seed: 3,
    dataset: 'blobs',
    encoder: { id: 'mlp', options: { widths: [16] } },
    head: { id: 'linear', options: { outputDim: 8 } },
    augment: { id: 'tabular', options: {} },
    strategy,
    loss: { id: 'supcon', options: { temperature: 0.5, baseTemperature: 0.5 } },
    optimizer: { id: 'sgd', options: { momentum: 0.9, weightDecay: 0 } },
    schedule: { id: 'constant', options: { learningRate: 0.05 } },
    pretrain: { epochs: 2, batchSize: 16, views: 2 },
    probe: { epochs: 5, batchSize: 32, learningRate: 0.05 },
    ...overrides,
  });
}

export const STRATEGIES = [
  { id: 'in-batch' },
  { id: 'cross-batch-memory', options: { size: 64 } },
  { id: 'memory-bank', options: { size: 128, negatives: 32 } },
  { id: 'moco', options: { queueSize: 64, momentum: 0.9 } },
];

export async function onCpu(): Promise<void> {
  await tf.setBackend('cpu');
}
