import { useBackend } from '@contrastive/backend';
import { parseExperimentConfig } from '@contrastive/core';
import { loadFashionMnistEmbedded, type LabeledDataset } from '@contrastive/datasets';
import { defaultModelBuilder, Experiment, LinearProbeEvaluator, type ExperimentModel } from '../../src';
import { fullRegistry } from '../support/fixtures';

// The acceptance check: on the embedded Fashion-MNIST subset, SupCon pre-training then a
// linear probe beats a linear probe on a random encoder of the same architecture, for each
// negative strategy, with a small budget. wasm keeps the seed CNN fast enough for a test.
const STRATEGIES: Array<{ id: string; options?: Record<string, unknown>; epochs?: number }> = [
  { id: 'in-batch' },
  { id: 'cross-batch-memory', options: { size: 512 } },
  // The bank starts from the initial encoder's embeddings (initialization 'auto'); with Wu et
  // al.'s random unit vectors it stays below the random encoder at this budget (0.756 vs 0.768).
  { id: 'memory-bank', options: { size: 2000 } },
  { id: 'moco', options: { queueSize: 512, momentum: 0.9 } },
];

describe('SupCon pre-training beats a random encoder on Fashion-MNIST, for every strategy', () => {
  let dataset: LabeledDataset;
  let randomAccuracy: number;

  const experimentFor = ({ epochs = 3, ...strategy }: { id: string; options?: Record<string, unknown>; epochs?: number }) =>
    new Experiment(
      parseExperimentConfig({
        seed: 0,
        backend: 'wasm',
        dataset: 'fashion-mnist-embedded',
        encoder: 'seed-cnn',
        head: { id: 'linear', options: { outputDim: 64 } },
        augment: 'mnist',
        strategy,
        loss: { id: 'supcon', options: { temperature: 0.1, baseTemperature: 0.1 } },
        optimizer: { id: 'sgd', options: { momentum: 0.9, weightDecay: 1e-4 } },
        schedule: {
          id: 'warmup-cosine',
          options: { learningRate: 0.1, warmupEpochs: 0.5, warmupFrom: 0.01 },
        },
        pretrain: { epochs, batchSize: 100, views: 2 },
        probe: { epochs: 100, batchSize: 200, learningRate: 0.01 },
      }),
      fullRegistry(),
      dataset,
      defaultModelBuilder,
    );

  /** Test accuracy of a linear probe on the frozen encoder, with the config's probe budget. */
  async function probeAccuracy(experiment: Experiment, model: ExperimentModel): Promise<number> {
    const { epochs, batchSize, learningRate } = experiment.config.probe;
    const evaluator = new LinearProbeEvaluator(model, { epochs, batchSize, learningRate, seed: experiment.config.seed });
    const result = await evaluator.fit(dataset.train, dataset.test);
    result.probe.dispose();
    return result.testAccuracy;
  }

  beforeAll(async () => {
    await useBackend('wasm', { quiet: true });
    // 200 train / 100 test images per class: a 3000-image slice of the embedded subset.
    dataset = loadFashionMnistEmbedded({ trainPerClass: 200, testPerClass: 100 });
    const experiment = experimentFor({ id: 'in-batch' });
    const random = experiment.buildModel(1);
    randomAccuracy = await probeAccuracy(experiment, random);
    random.dispose();
  });

  it.each(STRATEGIES.map((s) => [s.id, s] as const))('%s', async (_id, strategy) => {
    const experiment = experimentFor(strategy);
    const model = experiment.buildModel(0);
    const history = await experiment.pretrain(model);
    const accuracy = await probeAccuracy(experiment, model);
    model.dispose();
    expect(history.loss.every(Number.isFinite)).toBe(true);
    // Memory strategies' losses are not comparable across steps (the contrast set grows as the
    // memory fills), so the probe accuracy is the criterion.
    // Deterministic on one backend (seeded); margins measured (wasm + native kernels): in-batch +3.6, cross-batch memory +2.8, memory bank +2.1, MoCo +1.9 points.
    expect(accuracy).toBeGreaterThan(randomAccuracy + 0.005);
  });
});
