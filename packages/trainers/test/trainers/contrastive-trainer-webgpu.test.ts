import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom } from '@contrastive/core';
import { loadIris, toBatch, type LabeledDataset, type LabeledSplit } from '@contrastive/datasets';
import { useBackend } from '@contrastive/backend';
import { defaultLossReadInterval, defaultModelBuilder, Experiment, extractFeatures } from '../../src';
import { blobDataset, fullRegistry, tinyConfig } from '../support/fixtures';

/** Runs where tools/jest/webgpu-env.js found WebGPU (always in CI, on SwiftShader). */
const describeWebGpu = process.env.CONTRASTIVE_WEBGPU_TESTS === '1' ? describe : describe.skip;

/** Image side: small, because SwiftShader is slow (the architecture is the seed CNN's all the same). */
const SIDE = 8;

/** SIDE x SIDE images of two classes, a bright square top-left or bottom-right, in noise. */
function squares(size: number, seed: number): LabeledSplit {
  const rng = new SeededRandom(seed);
  const x = new Float32Array(size * SIDE * SIDE);
  const labels = new Int32Array(size);
  const square = SIDE / 3;
  for (let i = 0; i < size; i++) {
    labels[i] = i % 2;
    const offset = labels[i] === 0 ? 1 : SIDE - 1 - square;
    for (let r = 0; r < SIDE; r++) {
      for (let c = 0; c < SIDE; c++) {
        const inside = r >= offset && r < offset + square && c >= offset && c < offset + square;
        x[(i * SIDE + r) * SIDE + c] = (inside ? 0.8 : 0) + rng.next() * 0.3;
      }
    }
  }
  return { x, exampleShape: [SIDE, SIDE, 1], labels, size };
}

// SwiftShader runs tfjs' tiled conv and matMul shaders very slowly (seconds for the seed CNN's
// first conv at 16 x 28 x 28 on a loaded 2-core box), so the images and batches here are tiny.
const dataset: LabeledDataset = {
  name: 'squares',
  classNames: ['top-left', 'bottom-right'],
  train: squares(16, 1),
  test: squares(8, 2),
};

/** The seed CNN with SupCon on the squares, batches of `batchSize` x 2 views. */
function seedCnnExperiment(epochs: number, batchSize: number): Experiment {
  const config = tinyConfig(
    { id: 'in-batch' },
    {
      dataset: 'squares',
      encoder: { id: 'seed-cnn', options: { inputShape: [SIDE, SIDE, 1] } },
      head: { id: 'mlp', options: { outputDim: 32 } },
      augment: { id: 'identity', options: {} },
      loss: { id: 'supcon', options: { temperature: 0.5, baseTemperature: 0.5 } },
      optimizer: { id: 'sgd', options: { momentum: 0.9, weightDecay: 0 } },
      schedule: { id: 'constant', options: { learningRate: 0.05 } },
      pretrain: { epochs, batchSize, views: 2 },
    },
  );
  return new Experiment(config, fullRegistry(), dataset, defaultModelBuilder);
}

describeWebGpu('contrastive training on webgpu (SwiftShader in CI)', () => {
  beforeAll(async () => {
    await useBackend('webgpu', { quiet: true, allowSoftwareGpu: true });
  });
  afterAll(() => tf.setBackend('cpu'));

  it('reads the loss every 10 steps there, and a short SupCon run of the seed CNN lowers it', async () => {
    expect(defaultLossReadInterval()).toBe(10);
    const experiment = seedCnnExperiment(4, 4); // 4 steps per epoch, 16 steps
    const model = experiment.buildModel();
    const seen: number[] = [];
    const history = await experiment.pretrain(model, {
      callbacks: [{ onStepEnd: ({ step }) => void seen.push(step) }],
    });
    model.dispose();
    expect(seen).toEqual([...Array(16).keys()]);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    // Two well-separated classes in batches of 4 x 2 views: SupCon (t = 0.5) bottoms out near 1.12
    // once the classes are separated; the first step is ~1.7.
    expect(mean(history.loss.slice(-4))).toBeLessThan(history.loss[0] * 0.85);
  }, 180_000);

  it('keeps tf.memory() flat over 200 steps (the tabular MLP, for time)', async () => {
    // blobs: 128 examples, batches of 16 -> 8 steps per epoch, 25 epochs.
    const experiment = new Experiment(
      tinyConfig({ id: 'in-batch' }, { pretrain: { epochs: 25, batchSize: 16, views: 2 } }),
      fullRegistry(),
      blobDataset(),
      defaultModelBuilder,
    );
    const model = experiment.buildModel();
    const counts: number[] = [];
    const bytes: number[] = [];
    const history = await experiment.pretrain(model, {
      callbacks: [
        {
          onStepEnd: ({ step }) => {
            if (step % 50 === 49) {
              counts.push(tf.memory().numTensors);
              bytes.push(tf.memory().numBytes);
            }
          },
        },
      ],
    });
    model.dispose();
    expect(history.loss).toHaveLength(200);
    expect(counts).toHaveLength(4);
    expect(new Set(counts).size).toBe(1);
    expect(new Set(bytes).size).toBe(1);
  }, 300_000);

  it('extracts features with asynchronous reads (the start of evaluation)', async () => {
    const features = await extractFeatures((x) => x, dataset.test, 7);
    const all = Int32Array.from({ length: dataset.test.size }, (_, i) => i);
    const { x, labels } = toBatch(dataset.test, all);
    const expected = await x.data();
    tf.dispose([x, labels]);
    expect(features.rows).toBe(dataset.test.size);
    expect(features.cols * features.rows).toBe(expected.length);
    expect(features.data).toEqual(expected);
  }, 120_000);

  it("trains with the memory bank and MoCo there, with the cpu backend's losses", async () => {
    // blobs: 128 examples, batches of 16 -> 8 steps. The bank fills itself from the encoder
    // (an asynchronous read) and is written back every step the same way.
    const losses = async (strategy: { id: string; options?: Record<string, unknown> }) => {
      const experiment = new Experiment(
        tinyConfig(strategy, { pretrain: { epochs: 1, batchSize: 16, views: 2 } }),
        fullRegistry(),
        blobDataset(),
        defaultModelBuilder,
      );
      const model = experiment.buildModel();
      const history = await experiment.pretrain(model);
      model.dispose();
      return history.loss;
    };
    for (const strategy of [
      { id: 'memory-bank', options: { size: 128, negatives: 32 } },
      { id: 'moco', options: { queueSize: 64, momentum: 0.9 } },
    ]) {
      const onWebGpu = await losses(strategy);
      await tf.setBackend('cpu');
      const onCpu = await losses(strategy);
      await useBackend('webgpu', { quiet: true, allowSoftwareGpu: true });
      expect(onWebGpu).toHaveLength(8);
      onWebGpu.forEach((loss, i) => expect(Math.abs(loss - onCpu[i])).toBeLessThan(1e-3 * onCpu[i]));
    }
  }, 240_000);

  it('runs an experiment end to end, evaluation included: Iris, a tiny budget, every score', async () => {
    const config = tinyConfig(
      { id: 'in-batch' },
      {
        dataset: 'iris',
        pretrain: { epochs: 1, batchSize: 32, views: 2, maxStepsPerEpoch: 2 },
        probe: { epochs: 2, batchSize: 64, learningRate: 0.05 },
      },
    );
    const experiment = new Experiment(config, fullRegistry(), loadIris({ standardize: true }), defaultModelBuilder);
    const before = tf.memory().numTensors;
    const result = await experiment.run({});
    expect(result.backend).toBe('webgpu');
    expect(result.scores.map((s) => s.encoder)).toHaveLength(3); // contrastive, random, cross-entropy
    for (const scores of result.scores) {
      for (const key of ['linearProbe', 'knn', 'precisionAt1', 'mapAtR', 'nmi'] as const) {
        expect(scores[key]).toBeGreaterThanOrEqual(0);
        expect(scores[key]).toBeLessThanOrEqual(1);
      }
      // Iris is easy: even two probe epochs on any of these encoders beat chance (1/3) by far.
      expect(scores.knn).toBeGreaterThan(0.5);
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);
});
