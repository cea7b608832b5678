import type { MatrixInput } from '../input/matrix';

/** The k nearest reference rows of each query, row-major `[numQueries, k]`, nearest first. */
export interface NeighbourResult {
  /** Reference row indices, `numQueries * k`. */
  readonly indices: Int32Array;
  /** Distances in the index's metric (cosine: `1 - cos`; euclidean: L2 distance), `numQueries * k`. */
  readonly distances: Float32Array;
  /** Number of query rows. */
  readonly numQueries: number;
  /** Neighbours per query. */
  readonly k: number;
}

/** Options of a neighbour query. */
export interface NeighbourQueryOptions {
  /**
   * Per query, a reference row that must not be returned (the query itself when query set = reference set),
   * or -1 for none. Length = number of queries.
   */
  readonly exclude?: Int32Array;
}

/** Distance used by a neighbour index. */
export type NeighbourMetric = 'cosine' | 'euclidean';

/**
 * A searchable set of reference vectors. The exact tfjs implementation is {@link ExactNeighbourIndex};
 * `@contrastive/eval-node` offers an approximate HNSW one behind the same interface.
 */
export interface NeighbourIndex {
  /** The similarity or distance the neighbours are ranked by. */
  readonly metric: NeighbourMetric;
  /** Number of reference rows. */
  readonly size: number;
  /** Dimension of the reference rows. */
  readonly dim: number;
  /** The `k` nearest reference rows of every query row (asynchronous: GPU backends read that way). */
  query(vectors: MatrixInput, k: number, options?: NeighbourQueryOptions): Promise<NeighbourResult>;
  /** Releases the memory the index holds (tensors, native memory). */
  dispose(): void;
}

/** Checks `k` against the reference size (minus one excluded row if exclusions are used). */
export function checkK(k: number, size: number, excluding: boolean): void {
  const available = excluding ? size - 1 : size;
  if (!Number.isInteger(k) || k < 1 || k > available) {
    throw new Error(
      `k: expected an integer in [1, ${available}] (${size} reference rows${excluding ? ', one excluded per query' : ''}), got ${k}`,
    );
  }
}

/** Checks the `exclude` option length and range. */
export function checkExclude(exclude: Int32Array | undefined, numQueries: number, size: number): void {
  if (exclude === undefined) return;
  if (exclude.length !== numQueries) {
    throw new Error(`exclude: expected one entry per query (${numQueries}), got ${exclude.length}`);
  }
  for (let i = 0; i < exclude.length; i++) {
    if (exclude[i] < -1 || exclude[i] >= size) {
      throw new Error(
        `exclude: expected -1 or a reference row in [0, ${size - 1}], got ${exclude[i]} at query ${i}`,
      );
    }
  }
}
