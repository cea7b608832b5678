import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom, parsePluginOptions, z } from '@contrastive/core';
import { readLabelsAsync, readMatrix, readMatrixAsync, type LabelInput, type MatrixInput } from '../input/matrix';
import { defineMetric } from '../metric';
import { FeatureScaler, type FeatureScaling } from './feature-scaling';


/** The probe's training options, which a config may set too (the `linear-probe` metric's). */
const probeTrainingSchema = z.object({
  epochs: z.number().int().positive().default(50).describe('passes over the training set'),
  batchSize: z.number().int().positive().default(256),
  learningRate: z.number().positive().default(0.01).describe('Adam learning rate'),
  weightDecay: z.number().min(0).default(0).describe("L2 penalty (weightDecay / 2)·‖W‖² added to the loss, like PyTorch's coupled weight_decay"),
  seed: z.number().int().default(0).describe('seed of the per-epoch shuffles'),
  scaling: z
    .enum(['standardise', 'l2', 'none'] satisfies FeatureScaling[])
    .default('standardise')
    .describe('feature preprocessing fitted on the training features'),
});

/** Options of the `linear-probe` metric plugin. */
export const linearProbeMetricSchema = probeTrainingSchema.strict();

/** Options of {@link fitLinearProbe}: the training options ({@link linearProbeMetricSchema}) and these. */
export type LinearProbeOptions = z.input<typeof probeTrainingSchema> & LinearProbeExtras;

/** What a caller gives {@link fitLinearProbe} besides the training options. */
export interface LinearProbeExtras {
  /** Number of classes; default max label + 1. */
  readonly numClasses?: number;
  /** Called after every epoch with its record. */
  readonly onEpochEnd?: (record: LinearProbeEpoch) => void;
}

/** One epoch of probe training. */
export interface LinearProbeEpoch {
  /** 0-based epoch. */
  readonly epoch: number;
  /** Mean training loss (cross-entropy + penalty) over the epoch's batches. */
  readonly loss: number;
  /** Training accuracy at the end of the epoch. */
  readonly accuracy: number;
}

/**
 * A trained softmax-regression classifier on frozen features. Holds its weights as tensors: call
 * {@link LinearProbe.dispose} when done.
 */
export class LinearProbe {
  constructor(
    private readonly weights: tf.Variable<tf.Rank.R2>,
    private readonly bias: tf.Variable<tf.Rank.R1>,
    private readonly scaler: FeatureScaler,
    /** Classes the probe predicts. */
    readonly numClasses: number,
    /** Loss and accuracy of every training epoch. */
    readonly history: readonly LinearProbeEpoch[],
  ) {}

  /** Input dimension. */
  get inputDim(): number {
    return this.weights.shape[0];
  }

  /**
   * Class logits `[N, C]` (a new tensor the caller owns). A tensor input is read synchronously
   * (CPU backends); on GPU backends pass a host matrix (`await readMatrixAsync(tensor)`).
   */
  logits(features: MatrixInput): tf.Tensor2D {
    const m = readMatrix(features, 'features');
    if (m.cols !== this.inputDim) {
      throw new Error(
        `features: expected ${this.inputDim} columns (the training dimension), got shape [${m.rows},${m.cols}]`,
      );
    }
    return tf.tidy(() => {
      const x = this.scaler.transform(tf.tensor2d(m.data, [m.rows, m.cols]));
      return tf.add(tf.matMul(x, this.weights), this.bias);
    });
  }

  /** Predicted class per row (read asynchronously: works on every backend). */
  async predict(features: MatrixInput): Promise<Int32Array> {
    const host = await readMatrixAsync(features, 'features');
    const predicted = tf.tidy(() => tf.argMax(this.logits(host), 1));
    try {
      return Int32Array.from(await predicted.data());
    } finally {
      predicted.dispose();
    }
  }

  /** Fraction of rows whose predicted class equals the label. */
  async accuracy(features: MatrixInput, labels: LabelInput): Promise<number> {
    const host = await readMatrixAsync(features, 'features');
    const predicted = await this.predict(host);
    const y = await readLabelsAsync(labels, 'labels', predicted.length, 'features row');
    let correct = 0;
    for (let i = 0; i < y.length; i++) if (predicted[i] === y[i]) correct++;
    return correct / y.length;
  }

  /** Frees the probe's weights. */
  dispose(): void {
    this.weights.dispose();
    this.bias.dispose();
    this.scaler.dispose();
  }
}

/**
 * Fits a linear probe (softmax regression, zero-initialised, Adam, shuffled minibatches) on frozen features.
 * Deterministic for a given seed on a given backend. Runs on every backend: the training set is
 * read to the host once, and each epoch's loss and accuracy are read with one `await data()` at
 * the epoch's end, so a GPU queue never stalls on a batch (and CPU backends read once per epoch,
 * not once per batch).
 */
export async function fitLinearProbe(
  trainFeatures: MatrixInput,
  trainLabels: LabelInput,
  options: LinearProbeOptions = {},
): Promise<LinearProbe> {
  const { onEpochEnd: _, numClasses: __, ...training } = options;
  const { epochs, batchSize, learningRate, weightDecay, scaling, seed } = parsePluginOptions(probeTrainingSchema, training, {
    kind: 'metric',
    id: 'linear-probe',
  });
  const m = await readMatrixAsync(trainFeatures, 'trainFeatures');
  const y = await readLabelsAsync(trainLabels, 'trainLabels', m.rows, 'trainFeatures row');
  let maxLabel = 0;
  for (const label of y) {
    if (label < 0) throw new Error(`trainLabels: expected non-negative class indices, got ${label}`);
    if (label > maxLabel) maxLabel = label;
  }
  const numClasses = options.numClasses ?? maxLabel + 1;
  if (!Number.isInteger(numClasses) || numClasses <= maxLabel || numClasses < 2) {
    throw new Error(
      `numClasses: expected an integer >= 2 and > the largest label ${maxLabel}, got ${numClasses}`,
    );
  }
  const rng = new SeededRandom(seed);

  const raw = tf.tensor2d(m.data, [m.rows, m.cols]);
  const scaler = FeatureScaler.fit(raw, scaling);
  const x = scaler.transform(raw);
  raw.dispose();
  const yTensor = tf.tensor1d(y, 'int32');
  const weights = tf.tidy(() => tf.variable(tf.zeros([m.cols, numClasses]), true)) as tf.Variable<tf.Rank.R2>;
  const bias = tf.tidy(() => tf.variable(tf.zeros([numClasses]), true)) as tf.Variable<tf.Rank.R1>;
  const optimizer = tf.train.adam(learningRate);
  const history: LinearProbeEpoch[] = [];
  // The epoch's batch losses stay on the device until its one read.
  let batchLosses: tf.Scalar[] = [];
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = rng.permutation(m.rows);
      batchLosses = [];
      for (let start = 0; start < m.rows; start += batchSize) {
        const batchIdx = Int32Array.from(order.slice(start, start + batchSize));
        const loss = tf.tidy(() => {
          const idx = tf.tensor1d(batchIdx, 'int32');
          const xb = tf.gather(x, idx);
          const yb = tf.oneHot(tf.gather(yTensor, idx), numClasses);
          // Closed-form gradient of mean softmax cross-entropy: dL/dlogits = (softmax - onehot) / B, so the
          // probe needs no autodiff kernels (tfjs-core registers none by default).
          const logProbabilities = tf.logSoftmax(tf.add(tf.matMul(xb, weights), bias));
          const ce = tf.mean(tf.neg(tf.sum(tf.mul(yb, logProbabilities), 1)));
          const dLogits = tf.div(tf.sub(tf.exp(logProbabilities), yb), batchIdx.length);
          let dWeights = tf.matMul(xb, dLogits, true, false);
          let total: tf.Tensor = ce;
          if (weightDecay > 0) {
            dWeights = tf.add(dWeights, tf.mul(weights, weightDecay));
            total = tf.add(ce, tf.mul(weightDecay / 2, tf.sum(tf.square(weights))));
          }
          optimizer.applyGradients([
            { name: weights.name, tensor: dWeights },
            { name: bias.name, tensor: tf.sum(dLogits, 0) },
          ]);
          return total as tf.Scalar;
        });
        batchLosses.push(loss);
      }
      const epochTotals = tf.tidy(() =>
        tf.stack([
          tf.addN(batchLosses),
          tf.sum(tf.cast(tf.equal(tf.argMax(tf.add(tf.matMul(x, weights), bias), 1), yTensor), 'float32')),
        ]),
      );
      tf.dispose(batchLosses);
      const [lossTotal, correct] = await epochTotals.data();
      epochTotals.dispose();
      const record = { epoch, loss: lossTotal / batchLosses.length, accuracy: correct / m.rows };
      history.push(record);
      options.onEpochEnd?.(record);
    }
  } catch (error) {
    weights.dispose();
    bias.dispose();
    scaler.dispose();
    throw error;
  } finally {
    tf.dispose(batchLosses);
    optimizer.dispose();
    x.dispose();
    yTensor.dispose();
  }
  return new LinearProbe(weights, bias, scaler, numClasses, history);
}

/** `linear-probe`: accuracy of a softmax-regression probe fitted on the training embeddings. */
export const linearProbeMetric = defineMetric(
  'linear-probe',
  'Accuracy of a softmax-regression probe fitted on the training embeddings',
  linearProbeMetricSchema,
  async (options, input) => {
    if (!input.train) throw new Error('train: the linear-probe metric needs training embeddings and labels, got none');
    const probe = await fitLinearProbe(input.train.embeddings, input.train.labels, options);
    try {
      return {
        linearProbeAccuracy: await probe.accuracy(input.embeddings, input.labels),
        trainAccuracy: probe.history[probe.history.length - 1].accuracy,
      };
    } finally {
      probe.dispose();
    }
  },
);
