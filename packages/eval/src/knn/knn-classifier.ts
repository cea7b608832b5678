import { parsePluginOptions, z } from '@contrastive/core';
import { readLabelsAsync, readMatrixAsync, type LabelInput, type MatrixInput } from '../input/matrix';
import { defineMetric } from '../metric';
import { ExactNeighbourIndex } from '../neighbours/exact-index';
import type { NeighbourIndex } from '../neighbours/neighbour-index';

/** The vote's options, which a config may set too (the `knn-accuracy` metric's). */
const knnVoteSchema = z.object({
  k: z.number().int().positive().default(200).describe("neighbours that vote (lightly's default), capped at the reference size"),
  temperature: z.number().positive().default(0.1).describe('temperature t of the vote weights exp(cos / t)'),
});

/** Options of the `knn-accuracy` metric plugin. */
export const knnAccuracyMetricSchema = knnVoteSchema.strict();

/** Options of {@link knnPredict} / {@link knnAccuracy}: the vote's ({@link knnAccuracyMetricSchema}) and these. */
export type KnnOptions = z.input<typeof knnVoteSchema> & KnnSearchOptions;

/** What a caller gives {@link knnPredict} besides the vote's options. */
export interface KnnSearchOptions {
  /** Number of classes; default max label + 1. */
  readonly numClasses?: number;
  /**
   * Leave-one-out: the query set IS the reference set (same rows, same order) and each query must not vote
   * for itself. Default false.
   */
  readonly excludeSelf?: boolean;
  /** A cosine index over the reference (e.g. HNSW for large N); default exact search on tfjs. */
  readonly index?: NeighbourIndex;
  /** Bound on the query-chunk score matrix of the default exact index (see ExactIndexOptions). */
  readonly maxChunkElements?: number;
}

/** Predictions of {@link knnPredict}. */
export interface KnnPrediction {
  /** Predicted class per query. */
  readonly labels: Int32Array;
  /** Per query, the summed vote weight of each class, `[numQueries, numClasses]` row-major. */
  readonly scores: Float32Array;
  /** Classes the votes range over. */
  readonly numClasses: number;
}

/**
 * Weighted kNN classification as lightly's `knn_predict`: cosine similarities to the k nearest reference
 * embeddings, weights exp(sim / t), summed per class, argmax (ties: lowest class). The neighbour search
 * is a chunked matMul + topk on tfjs, so memory stays bounded for large query sets.
 */
export async function knnPredict(
  reference: MatrixInput,
  referenceLabels: LabelInput,
  queries: MatrixInput,
  options: KnnOptions = {},
): Promise<KnnPrediction> {
  const ref = await readMatrixAsync(reference, 'reference');
  const refLabels = await readLabelsAsync(referenceLabels, 'referenceLabels', ref.rows, 'reference row');
  const q = await readMatrixAsync(queries, 'queries');
  if (q.cols !== ref.cols) {
    throw new Error(
      `queries: expected ${ref.cols} columns (the reference dimension), got shape [${q.rows},${q.cols}]`,
    );
  }
  const vote = { k: options.k, temperature: options.temperature };
  const { k: kRequested, temperature } = parsePluginOptions(knnVoteSchema, vote, { kind: 'metric', id: 'knn-accuracy' });
  let maxLabel = 0;
  for (const label of refLabels) {
    if (label < 0) throw new Error(`referenceLabels: expected non-negative class indices, got ${label}`);
    if (label > maxLabel) maxLabel = label;
  }
  const numClasses = options.numClasses ?? maxLabel + 1;
  if (!Number.isInteger(numClasses) || numClasses <= maxLabel) {
    throw new Error(`numClasses: expected an integer > the largest label ${maxLabel}, got ${numClasses}`);
  }
  const excludeSelf = options.excludeSelf ?? false;
  if (excludeSelf && q.rows !== ref.rows) {
    throw new Error(
      `queries: excludeSelf needs the query set to be the reference set (${ref.rows} rows), got ${q.rows} rows`,
    );
  }
  const available = excludeSelf ? ref.rows - 1 : ref.rows;
  if (available < 1)
    throw new Error(`reference: expected at least ${excludeSelf ? 2 : 1} rows, got ${ref.rows}`);
  const k = Math.min(kRequested, available);
  if (options.index !== undefined) {
    if (options.index.metric !== 'cosine')
      throw new Error(`index: expected a cosine index, got metric '${options.index.metric}'`);
    if (options.index.size !== ref.rows)
      throw new Error(
        `index: expected an index over the ${ref.rows} reference rows, got ${options.index.size}`,
      );
  }

  let exclude: Int32Array | undefined;
  if (excludeSelf) {
    exclude = new Int32Array(q.rows);
    for (let i = 0; i < q.rows; i++) exclude[i] = i;
  }
  const index =
    options.index ??
    new ExactNeighbourIndex(ref, { metric: 'cosine', maxChunkElements: options.maxChunkElements });
  let found;
  try {
    found = await index.query(q, k, { exclude });
  } finally {
    if (options.index === undefined) index.dispose();
  }

  const labels = new Int32Array(q.rows);
  const scores = new Float32Array(q.rows * numClasses);
  for (let i = 0; i < q.rows; i++) {
    const row = i * numClasses;
    for (let j = 0; j < k; j++) {
      const similarity = 1 - found.distances[i * k + j];
      scores[row + refLabels[found.indices[i * k + j]]] += Math.exp(similarity / temperature);
    }
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (scores[row + c] > scores[row + best]) best = c;
    labels[i] = best;
  }
  return { labels, scores, numClasses };
}

/** Top-1 accuracy of {@link knnPredict} on labelled queries. */
export async function knnAccuracy(
  reference: MatrixInput,
  referenceLabels: LabelInput,
  queries: MatrixInput,
  queryLabels: LabelInput,
  options: KnnOptions = {},
): Promise<number> {
  const q = await readMatrixAsync(queries, 'queries');
  const truth = await readLabelsAsync(queryLabels, 'queryLabels', q.rows, 'query row');
  const { labels } = await knnPredict(reference, referenceLabels, q, options);
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (labels[i] === truth[i]) correct++;
  return correct / truth.length;
}

/** `knn-accuracy`: weighted kNN top-1 accuracy; leave-one-out when there is no training set. */
export const knnAccuracyMetric = defineMetric(
  'knn-accuracy',
  'Weighted kNN accuracy (cosine, exp(sim/t) votes, as lightly knn_predict); leave-one-out without a training set',
  knnAccuracyMetricSchema,
  async (options, input) => {
    const knn = input.train
      ? await knnAccuracy(input.train.embeddings, input.train.labels, input.embeddings, input.labels, options)
      : await knnAccuracy(input.embeddings, input.labels, input.embeddings, input.labels, { ...options, excludeSelf: true });
    return { knnAccuracy: knn };
  },
);
