import {
  ExactNeighbourIndex,
  readMatrixAsync,
  sampleIndices,
  type MatrixInput,
  type NeighbourIndex,
} from '@contrastive/eval';

/** Options of {@link measureRecall}. */
export interface RecallOptions {
  /** Neighbours compared per query. Default 10. */
  readonly k?: number;
  /** Reference rows used as queries (sampled without replacement). Default 200. */
  readonly sampleSize?: number;
  /** Seed of the sample. Default 0. */
  readonly seed?: number;
}

/** Result of {@link measureRecall}. */
export interface RecallReport {
  /** Mean over sampled queries of |approximate ∩ exact| / k. */
  readonly recall: number;
  /** Neighbours per query. */
  readonly k: number;
  /** Queries sampled for the measurement. */
  readonly sampleSize: number;
  /** Milliseconds the approximate and exact searches took for the sample. */
  readonly approximateMs: number;
  /** Time of the exact search, in milliseconds. */
  readonly exactMs: number;
}

/**
 * Recall@k of an (approximate) index against exact search, on a seeded sample of the reference rows used as
 * queries, each excluded from its own neighbours (query set = reference set). `reference` must be the rows the
 * index was built from, in the same order.
 */
export async function measureRecall(
  index: NeighbourIndex,
  reference: MatrixInput,
  options: RecallOptions = {},
): Promise<RecallReport> {
  const data = await readMatrixAsync(reference, 'reference');
  if (data.rows !== index.size || data.cols !== index.dim) {
    throw new Error(
      `reference: expected the [${index.size},${index.dim}] rows the index was built from, got [${data.rows},${data.cols}]`,
    );
  }
  const k = options.k ?? 10;
  const sampleSize = Math.min(options.sampleSize ?? 200, data.rows);
  if (!Number.isInteger(sampleSize) || sampleSize < 1)
    throw new Error(`sampleSize: expected a positive integer, got ${sampleSize}`);
  const rows = sampleIndices(data.rows, sampleSize, options.seed ?? 0);
  const queries = new Float32Array(sampleSize * data.cols);
  rows.forEach((r, i) => queries.set(data.data.subarray(r * data.cols, (r + 1) * data.cols), i * data.cols));
  const sample = { data: queries, rows: sampleSize, cols: data.cols };
  const exclude = rows;

  let t = performance.now();
  const approximate = await index.query(sample, k, { exclude });
  const approximateMs = performance.now() - t;
  const exactIndex = new ExactNeighbourIndex(data, { metric: index.metric });
  t = performance.now();
  let exact;
  try {
    exact = await exactIndex.query(sample, k, { exclude });
  } finally {
    exactIndex.dispose();
  }
  const exactMs = performance.now() - t;

  let hits = 0;
  for (let i = 0; i < sampleSize; i++) {
    const truth = new Set(exact.indices.subarray(i * k, (i + 1) * k));
    for (const j of approximate.indices.subarray(i * k, (i + 1) * k)) if (truth.has(j)) hits++;
  }
  return { recall: hits / (sampleSize * k), k, sampleSize, approximateMs, exactMs };
}
