import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs-core';
import type { Augmentation } from '@contrastive/augment';
import { registerTrainingKernels, useBackend } from '@contrastive/backend';
import { toBatch, type LabeledSplit } from '@contrastive/datasets';
import { buildContrastiveModel, writeWeight, type ContrastiveModel } from '@contrastive/encoders';
import { SupConLoss } from '@contrastive/losses';
import { InBatch } from '@contrastive/memory';
import { ContrastiveTrainer, SgdOptimizer, WarmupCosineSchedule, type BatchSource } from '../../src';
import { fullRegistry } from '../support/fixtures';

// Written by tools/bench/pytorch/supcon_step_fixture.py (PyTorch, SupContrast's SupConLoss,
// torch.optim.SGD, CosineAnnealingLR); the test never runs Python. Layouts are tfjs's.
interface Fixture {
  torch: string;
  model: {
    inputShape: number[];
    channels: number[];
    features: number;
    outputDim: number;
    normalize: { mean: number[]; std: number[] };
  };
  loss: { temperature: number; baseTemperature: number };
  batchSize: number;
  images: number[];
  labels: number[];
  weights: Array<{ name: string; shape: number[]; values: number[] }>;
  firstStep: { loss: number; gradients: number[][] };
  training: Array<{
    optimizer: { momentum: number; weightDecay: number; nesterov: boolean; decayBiasAndNorm: boolean };
    learningRates: number[];
    losses: number[];
    weights: number[][];
  }>;
  cosine: { learningRate: number; totalSteps: number; rates: number[] };
}

const fixture: Fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'pytorch-supcon-step.json'), 'utf8'),
);

/** Largest |a - b| relative to the largest |b| (float32 sums in another order differ in the last bits). */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let scale = 1e-6;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  }
  return worst / scale;
}

function fixtureModel(): ContrastiveModel {
  const { inputShape, channels, features, outputDim, normalize } = fixture.model;
  const model = buildContrastiveModel(fullRegistry(), {
    encoder: { id: 'seed-cnn', options: { channels, features, normalize, init: 'torch' } },
    head: { id: 'mlp', options: { outputDim } },
    inputShape,
  });
  model.trainableWeights.forEach((weight, i) => {
    const { shape, values } = fixture.weights[i];
    expect(weight.shape).toEqual(shape);
    const value = tf.tensor(values, shape);
    writeWeight(weight, value);
    value.dispose();
  });
  return model;
}

const split: LabeledSplit = {
  x: Float32Array.from(fixture.images),
  exampleShape: fixture.model.inputShape,
  labels: Int32Array.from(fixture.labels),
  size: fixture.labels.length,
};

/** The fixture's batches in order: rows 0-7, then 8-15. */
const fixedBatches: BatchSource = {
  size: split.size,
  stepsPerEpoch: split.size / fixture.batchSize,
  epochBatches: () =>
    Array.from({ length: split.size / fixture.batchSize }, (_, b) =>
      Int32Array.from({ length: fixture.batchSize }, (_, i) => b * fixture.batchSize + i),
    ),
  batch: (indices) => toBatch(split, indices),
};

/** The fixture's two views: the images, then their mirror images. */
class ImageThenMirror implements Augmentation {
  readonly name = 'ImageThenMirror';
  private calls = 0;
  apply(batch: tf.Tensor): tf.Tensor {
    return this.calls++ % 2 === 0 ? tf.clone(batch) : tf.reverse(batch, 2);
  }
}

// cpu runs tfjs' reference kernels (plus the project's training kernels); wasm runs what training
// uses, with @contrastive/backend-native's oneDNN kernels and fused SupCon rows when they are built.
describe.each(['cpu', 'wasm'])(
  'one SupCon step matches PyTorch on identical weights and batch (%s)',
  (backend) => {
    beforeAll(async () => {
      if (backend === 'wasm') {
        await useBackend('wasm', { quiet: true });
      } else {
        await tf.setBackend('cpu');
        registerTrainingKernels('cpu');
      }
    });

    it('gives the same loss and gradients for every weight', () => {
      const model = fixtureModel();
      const loss = new SupConLoss(fixture.loss);
      const { value, grads } = tf.tidy(() => {
        const { x, labels } = toBatch(
          split,
          Int32Array.from({ length: fixture.batchSize }, (_, i) => i),
        );
        const views = tf.stack([x, tf.reverse(x, 2)], 1);
        return tf.variableGrads(
          () => loss.compute(model.embedViews(views, true), { labels }),
          model.trainableWeights.map((w) => w.read() as tf.Variable),
        );
      });
      expect(value.dataSync()[0]).toBeCloseTo(fixture.firstStep.loss, 5);
      model.trainableWeights.forEach((weight, i) => {
        const grad = grads[(weight.read() as tf.Variable).name];
        expect({
          weight: fixture.weights[i].name,
          error: relativeError(grad.dataSync(), fixture.firstStep.gradients[i]) < 1e-4,
        }).toEqual({
          weight: fixture.weights[i].name,
          error: true,
        });
      });
      tf.dispose([value, ...Object.values(grads)]);
      model.dispose();
    });

    it.each(fixture.training.map((run) => [JSON.stringify(run.optimizer), run] as const))(
      'trains two steps with SGD %s and the per-step cosine to the same weights',
      async (_name, run) => {
        const model = fixtureModel();
        const optimizer = new SgdOptimizer(run.optimizer);
        const parts = {
          model,
          augment: new ImageThenMirror(),
          strategy: new InBatch(),
          loss: new SupConLoss(fixture.loss),
          optimizer,
          schedule: new WarmupCosineSchedule({
            learningRate: run.learningRates[0],
            warmupEpochs: 0,
            warmupFrom: 0,
            minLearningRate: 0,
          }),
        };
        const before = tf.memory().numTensors;
        const history = await new ContrastiveTrainer().train(
          parts,
          { data: fixedBatches, epochs: 1 },
          { views: 2, seed: 0 },
        );
        history.learningRate.forEach((rate, i) => expect(rate).toBeCloseTo(run.learningRates[i], 9));
        history.loss.forEach((loss, i) => expect(loss).toBeCloseTo(run.losses[i], 5));
        model.trainableWeights.forEach((weight, i) => {
          expect({
            weight: fixture.weights[i].name,
            error: relativeError(weight.read().dataSync(), run.weights[i]) < 1e-5,
          }).toEqual({
            weight: fixture.weights[i].name,
            error: true,
          });
        });
        // Two momentum buffers' worth of slots per weight at most; nothing else stays behind.
        expect(tf.memory().numTensors - before).toBe(model.trainableWeights.length);
        optimizer.dispose();
        model.dispose();
      },
    );

    it("has the cosine schedule's rates of CosineAnnealingLR stepped once per step", () => {
      const { learningRate, totalSteps, rates } = fixture.cosine;
      const schedule = new WarmupCosineSchedule({
        learningRate,
        warmupEpochs: 0,
        warmupFrom: 0,
        minLearningRate: 0,
      });
      rates.forEach((rate, step) =>
        expect(schedule.learningRate({ step, stepsPerEpoch: totalSteps, totalSteps })).toBeCloseTo(rate, 9),
      );
    });
  },
);
