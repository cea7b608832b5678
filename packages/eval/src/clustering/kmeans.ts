import { kmeans as mlKmeans } from 'ml-kmeans';
import { l2NormaliseRows, readMatrix, toRows, type MatrixInput } from '../input/matrix';

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  /** Seed of the k-means++ initialisation; same seed, same clusters. Default 0. */
  readonly seed?: number;
  /** Default 100. */
  readonly maxIterations?: number;
  /** Default 1e-6. */
  readonly tolerance?: number;
  /** L2-normalise rows first (as for embeddings compared by cosine). Default true. */
  readonly normalise?: boolean;
}

/** Result of {@link kmeans}. */
export interface KMeansResult {
  /** Cluster of each row, in [0, k). */
  readonly clusters: Int32Array;
  /** Centroids, `k` rows of length D (in the normalised space when `normalise`). */
  readonly centroids: number[][];
  /** Lloyd iterations run. */
  readonly iterations: number;
  /** Whether the assignment stopped changing before the iteration limit. */
  readonly converged: boolean;
}

/** Seeded k-means (k-means++ initialisation, Lloyd iterations) of the rows of a matrix, via ml-kmeans. */
export function kmeans(embeddings: MatrixInput, k: number, options: KMeansOptions = {}): KMeansResult {
  let m = readMatrix(embeddings, 'embeddings');
  if (!Number.isInteger(k) || k < 1 || k > m.rows) {
    throw new Error(`k: expected an integer in [1, ${m.rows}] (the number of rows), got ${k}`);
  }
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new Error(`seed: expected an integer, got ${seed}`);
  if (options.normalise ?? true) m = l2NormaliseRows(m);
  const result = mlKmeans(toRows(m), k, {
    seed,
    initialization: 'kmeans++',
    maxIterations: options.maxIterations ?? 100,
    tolerance: options.tolerance ?? 1e-6,
  });
  return {
    clusters: Int32Array.from(result.clusters),
    centroids: result.centroids,
    iterations: result.iterations,
    converged: result.converged,
  };
}
