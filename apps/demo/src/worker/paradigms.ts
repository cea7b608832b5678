import { parseExperimentConfig, type ExperimentConfig, type PluginRegistry } from '@contrastive/core';
import type { ParadigmInfo } from '../protocol';

/** The plugins of one paradigm, as registry refs (the same ids `contrastive train` configs use). */
interface Paradigm {
  id: string;
  label: string;
  loss: { id: string; options: Record<string, unknown> };
  strategy: { id: string; options: Record<string, unknown> };
  /** Uses the labels (supervised) or only the two views of each example (self-supervised). */
  supervised: boolean;
  /** Triplets need several examples of each class in a batch. */
  classBalanced?: boolean;
}

/** SupCon, SimCLR, MoCo and triplet: the settings of docs/examples, sized for a page. */
const PARADIGMS: Paradigm[] = [
  {
    id: 'supcon',
    label: 'SupCon (supervised contrastive)',
    loss: { id: 'supcon', options: { temperature: 0.1, baseTemperature: 0.1 } },
    strategy: { id: 'in-batch', options: {} },
    supervised: true,
  },
  {
    id: 'simclr',
    label: 'SimCLR (self-supervised, in-batch negatives)',
    loss: { id: 'ntxent', options: { temperature: 0.5 } },
    strategy: { id: 'in-batch', options: {} },
    supervised: false,
  },
  {
    id: 'moco',
    label: 'MoCo (momentum encoder + queue of negatives)',
    loss: { id: 'ntxent', options: { temperature: 0.2 } },
    strategy: { id: 'moco', options: { queueSize: 512, momentum: 0.99 } },
    supervised: false,
  },
  {
    id: 'triplet',
    label: 'Triplet (margin, all valid triplets)',
    loss: { id: 'triplet', options: { margin: 0.2, mining: 'all' } },
    strategy: { id: 'in-batch', options: { layout: 'flat' } },
    supervised: true,
    classBalanced: true,
  },
];

/** The paradigms whose loss and strategy this registry holds, for the page's picker. */
export function availableParadigms(registry: PluginRegistry): ParadigmInfo[] {
  return PARADIGMS.filter(
    (p) => registry.has('loss', p.loss.id) && registry.has('strategy', p.strategy.id),
  ).map((p) => ({
    id: p.id,
    label: p.label,
    parts: `${p.loss.id} loss, ${p.strategy.id} strategy${p.supervised ? ', labels' : ', no labels'}`,
  }));
}

export interface ExperimentShape {
  /** Images `[H, W, C]` get the seed CNN and image augmentation; vectors `[D]` an MLP and tabular augmentation. */
  exampleShape: number[];
  numClasses: number;
  trainSize: number;
  epochs: number;
  batchSize: number;
  maxStepsPerEpoch?: number;
}

/** The experiment config of `paradigmId` for a dataset of this shape (validated by the config schema). */
export function paradigmConfig(paradigmId: string, shape: ExperimentShape): ExperimentConfig {
  const paradigm = PARADIGMS.find((p) => p.id === paradigmId);
  if (!paradigm) {
    throw new Error(
      `unknown paradigm '${paradigmId}'; expected one of ${PARADIGMS.map((p) => p.id).join(', ')}`,
    );
  }
  const image = shape.exampleShape.length === 3;
  // A batch never larger than the training split, and a whole number of classes for triplets.
  let batchSize = Math.max(2, Math.min(shape.batchSize, shape.trainSize));
  let samplesPerClass: number | undefined;
  if (paradigm.classBalanced) {
    samplesPerClass = Math.max(2, Math.floor(batchSize / shape.numClasses));
    batchSize = samplesPerClass * shape.numClasses;
  }
  return parseExperimentConfig({
    name: `${paradigm.id}-in-the-page`,
    seed: 0,
    dataset: { id: 'in-page', options: {} },
    encoder: image ? { id: 'seed-cnn', options: {} } : { id: 'mlp', options: { widths: [32, 16] } },
    head: { id: 'mlp', options: { outputDim: image ? 64 : 8 } },
    augment: image ? { id: 'mnist', options: {} } : { id: 'tabular', options: {} },
    strategy: paradigm.strategy,
    loss: paradigm.loss,
    optimizer: { id: 'adam', options: {} },
    schedule: { id: 'constant', options: { learningRate: image ? 1e-3 : 1e-2 } },
    trainer: { id: 'contrastive', options: { supervised: paradigm.supervised } },
    pretrain: {
      epochs: shape.epochs,
      batchSize,
      views: 2,
      ...(samplesPerClass ? { samplesPerClass } : {}),
      ...(shape.maxStepsPerEpoch ? { maxStepsPerEpoch: shape.maxStepsPerEpoch } : {}),
    },
    probe: { epochs: 50, batchSize: 256, learningRate: 0.01 },
  });
}
