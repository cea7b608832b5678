import { definePlugin, type PluginDefinition, type z } from '@contrastive/core';
import {
  readLabelsAsync,
  readMatrixAsync,
  type DenseMatrix,
  type LabelInput,
  type MatrixInput,
} from './input/matrix';

/** What a metric plugin evaluates: labelled (test) embeddings, and optionally a labelled training set. */
export interface MetricInput {
  /** `[N, D]` embeddings to score. */
  readonly embeddings: MatrixInput;
  /** `[N]` integer class labels of the embeddings. */
  readonly labels: LabelInput;
  /** Training embeddings and labels, for metrics that fit something (linear probe) or vote (kNN). */
  readonly train?: { readonly embeddings: MatrixInput; readonly labels: LabelInput };
}

/**
 * The instance of a `metric` plugin: named scalar results for a set of embeddings. Asynchronous, so
 * that it runs on every backend (GPU backends read tensors with `await data()`); tensor inputs are
 * read to the host once.
 */
export interface EmbeddingMetric {
  /** The metric plugin id; result keys are its own names. */
  readonly id: string;
  /** Scores the embeddings (and fits on `input.train` where the metric needs it). */
  evaluate(input: MetricInput): Promise<Record<string, number>>;
}

/** A {@link MetricInput} read to the host: what the metric plugins compute on. */
export interface HostMetricInput {
  /** The embeddings as a dense host matrix. */
  readonly embeddings: DenseMatrix;
  /** Their labels. */
  readonly labels: Int32Array;
  /** The training embeddings and labels, when given. */
  readonly train?: { readonly embeddings: DenseMatrix; readonly labels: Int32Array };
}

/**
 * Reads a metric's input to the host once, with `await data()` for tensors (every backend), and
 * checks it, so the metrics share one read instead of each reading the tensors again.
 */
export async function readMetricInput(input: MetricInput): Promise<HostMetricInput> {
  const embeddings = await readMatrixAsync(input.embeddings, 'embeddings');
  const labels = await readLabelsAsync(input.labels, 'labels', embeddings.rows, 'embeddings row');
  if (!input.train) return { embeddings, labels };
  const trainEmbeddings = await readMatrixAsync(input.train.embeddings, 'train.embeddings');
  const trainLabels = await readLabelsAsync(input.train.labels, 'train.labels', trainEmbeddings.rows, 'train.embeddings row');
  return { embeddings, labels, train: { embeddings: trainEmbeddings, labels: trainLabels } };
}

/**
 * A `metric` plugin: its id, what it measures, the schema of its options and what it computes
 * from them and the embeddings, read to the host once ({@link readMetricInput}). The instance is an
 * {@link EmbeddingMetric} with that id.
 */
export function defineMetric<S extends z.ZodType>(
  id: string,
  description: string,
  optionsSchema: S,
  evaluate: (options: z.output<S>, input: HostMetricInput) => Promise<Record<string, number>> | Record<string, number>,
): PluginDefinition<z.output<S>, EmbeddingMetric, 'metric', z.input<S>> {
  return definePlugin({
    kind: 'metric',
    id,
    description,
    optionsSchema,
    create: (options: z.output<S>): EmbeddingMetric => ({
      id,
      evaluate: async (input) => evaluate(options, await readMetricInput(input)),
    }),
  });
}
