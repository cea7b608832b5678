import { z } from '@contrastive/core';
import { readLabelsAsync, readMatrixAsync, type LabelInput, type MatrixInput } from '../input/matrix';
import { defineMetric } from '../metric';
import { ExactNeighbourIndex } from '../neighbours/exact-index';
import type { NeighbourIndex } from '../neighbours/neighbour-index';

/** Retrieval metrics of pytorch-metric-learning's AccuracyCalculator (query set = reference set). */
export interface RetrievalMetrics {
  /** Fraction of queries whose nearest other point has the same label. */
  readonly precisionAt1: number;
  /** Mean over queries of (same-label points among the R nearest) / R, R = class size - 1. */
  readonly rPrecision: number;
  /** Mean over queries of MAP@R (sum of precision@i at the relevant ranks i <= R, divided by R). */
  readonly mapAtR: number;
  /** Queries that counted (those whose class has at least two members). */
  readonly numQueries: number;
}

/** Options of {@link retrievalMetrics}. */
export interface RetrievalOptions {
  /**
   * A prebuilt index over the same embeddings, in the same row order (e.g. HNSW from `@contrastive/eval-node`
   * for large N). Default: exact search on tfjs over the L2-normalised embeddings.
   */
  readonly index?: NeighbourIndex;
  /**
   * Bound on the neighbour entries held at once (queries are processed in blocks of
   * `floor(maxNeighbourEntries / maxR)` rows, maxR = largest class size - 1). Default 4,194,304.
   */
  readonly maxNeighbourEntries?: number;
}

/**
 * Precision@1, R-precision and MAP@R as pytorch-metric-learning's `AccuracyCalculator` (default `k=None`,
 * `avg_of_avgs=False`) computes them when the query set is the reference set:
 * embeddings are L2-normalised and ranked by Euclidean distance (equivalently cosine similarity), each point
 * is excluded from its own neighbours, R for a query is its class size minus one, and queries whose class has
 * a single member ("lone" queries) are left out of every average; if every query is lone all metrics are 0.
 * Ties are broken by the lower row index.
 */
export async function retrievalMetrics(
  embeddings: MatrixInput,
  labels: LabelInput,
  options: RetrievalOptions = {},
): Promise<RetrievalMetrics> {
  const m = await readMatrixAsync(embeddings, 'embeddings');
  const y = await readLabelsAsync(labels, 'labels', m.rows, 'embeddings row');
  const counts = new Map<number, number>();
  for (const label of y) counts.set(label, (counts.get(label) ?? 0) + 1);
  const r = new Int32Array(m.rows);
  let maxR = 0;
  for (let i = 0; i < m.rows; i++) {
    r[i] = (counts.get(y[i]) as number) - 1;
    if (r[i] > maxR) maxR = r[i];
  }
  if (maxR === 0) return { precisionAt1: 0, rPrecision: 0, mapAtR: 0, numQueries: 0 };
  if (options.index !== undefined && options.index.size !== m.rows) {
    throw new Error(
      `index: expected an index over the ${m.rows} embeddings, got one with ${options.index.size} rows`,
    );
  }

  const maxEntries = options.maxNeighbourEntries ?? 4_194_304;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new Error(`maxNeighbourEntries: expected a positive integer, got ${maxEntries}`);
  }
  const index = options.index ?? new ExactNeighbourIndex(m, { metric: 'cosine' });
  // Queries go in blocks so the [block, maxR] neighbour lists stay small even when classes are large
  // (pml retrieves max class size neighbours per query: 60k queries x 6k neighbours would be 1.4 GB at once).
  const block = Math.max(1, Math.min(m.rows, Math.floor(maxEntries / maxR)));
  let p1 = 0;
  let rp = 0;
  let map = 0;
  let n = 0;
  try {
    for (let start = 0; start < m.rows; start += block) {
      const end = Math.min(m.rows, start + block);
      const queries = {
        data: m.data.subarray(start * m.cols, end * m.cols),
        rows: end - start,
        cols: m.cols,
      };
      const self = new Int32Array(end - start);
      for (let i = start; i < end; i++) self[i - start] = i;
      const found = await index.query(queries, maxR, { exclude: self });
      for (let i = start; i < end; i++) {
        const ri = r[i];
        if (ri === 0) continue;
        n++;
        const row = (i - start) * maxR;
        let hits = 0;
        let precisionSum = 0;
        for (let j = 0; j < ri; j++) {
          if (y[found.indices[row + j]] === y[i]) {
            hits++;
            precisionSum += hits / (j + 1);
          }
        }
        if (y[found.indices[row]] === y[i]) p1++;
        rp += hits / ri;
        map += precisionSum / ri;
      }
    }
  } finally {
    if (options.index === undefined) index.dispose();
  }
  return { precisionAt1: p1 / n, rPrecision: rp / n, mapAtR: map / n, numQueries: n };
}

/** Options of the `retrieval` metric plugin (none). */
export const retrievalMetricSchema = z.object({}).strict();

/** `retrieval`: Precision@1, R-precision and MAP@R with the query set as the reference set. */
export const retrievalMetric = defineMetric(
  'retrieval',
  'Precision@1, R-precision and MAP@R (pytorch-metric-learning AccuracyCalculator, query set = reference set)',
  retrievalMetricSchema,
  async (_options, input) => {
    const r = await retrievalMetrics(input.embeddings, input.labels);
    return { precisionAt1: r.precisionAt1, rPrecision: r.rPrecision, mapAtR: r.mapAtR };
  },
);
