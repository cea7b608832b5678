import { HierarchicalNSW } from 'hnswlib-node';
import {
  readMatrix,
  readMatrixAsync,
  type MatrixInput,
  type NeighbourIndex,
  type NeighbourMetric,
  type NeighbourQueryOptions,
  type NeighbourResult,
} from '@contrastive/eval';

/** Options of {@link HnswIndex}. */
export interface HnswIndexOptions {
  /** Distance; default `cosine` (distances `1 - cos`, as the exact index reports them). */
  readonly metric?: NeighbourMetric;
  /** Graph degree M: higher = better recall, more memory. Default 16. */
  readonly m?: number;
  /** Candidate list size while building. Default 200. */
  readonly efConstruction?: number;
  /** Candidate list size while searching (raised to k + 1 when needed). Default 64. */
  readonly ef?: number;
  /** Seed of the level generator; same seed and insertion order, same graph. Default 100. */
  readonly seed?: number;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name}: expected a positive integer, got ${value}`);
  return value;
}

/**
 * Approximate nearest-neighbour index over hnswlib-node (HNSW graphs, native C++), behind the same
 * {@link NeighbourIndex} interface as the exact tfjs index. Build O(N log N), query roughly O(log N) per vector.
 * Node only. Rows are inserted in order; a row's label is its index.
 */
export class HnswIndex implements NeighbourIndex {
  readonly metric: NeighbourMetric;
  readonly size: number;
  readonly dim: number;
  private native: HierarchicalNSW | null;
  private readonly ef: number;

  constructor(reference: MatrixInput, options: HnswIndexOptions = {}) {
    const metric = options.metric ?? 'cosine';
    if (metric !== 'cosine' && metric !== 'euclidean') {
      throw new Error(`metric: expected 'cosine' or 'euclidean', got ${String(metric)}`);
    }
    const m = positiveInteger(options.m ?? 16, 'm');
    const efConstruction = positiveInteger(options.efConstruction ?? 200, 'efConstruction');
    this.ef = positiveInteger(options.ef ?? 64, 'ef');
    const seed = options.seed ?? 100;
    if (!Number.isInteger(seed) || seed < 0)
      throw new Error(`seed: expected a non-negative integer, got ${seed}`);
    const data = readMatrix(reference, 'reference');
    this.metric = metric;
    this.size = data.rows;
    this.dim = data.cols;
    const native = new HierarchicalNSW(metric === 'cosine' ? 'cosine' : 'l2', data.cols);
    native.initIndex(data.rows, m, efConstruction, seed);
    const row = new Array<number>(data.cols);
    for (let r = 0; r < data.rows; r++) {
      for (let c = 0; c < data.cols; c++) row[c] = data.data[r * data.cols + c];
      native.addPoint(row, r);
    }
    this.native = native;
  }

  async query(vectors: MatrixInput, k: number, options: NeighbourQueryOptions = {}): Promise<NeighbourResult> {
    if (this.native === null) throw new Error('HnswIndex: used after dispose()');
    const q = await readMatrixAsync(vectors, 'vectors');
    const native = this.native;
    if (native === null) throw new Error('HnswIndex: disposed during query()');
    if (q.cols !== this.dim) {
      throw new Error(
        `vectors: expected ${this.dim} columns (the reference dimension), got shape [${q.rows},${q.cols}]`,
      );
    }
    const exclude = options.exclude;
    if (exclude !== undefined && exclude.length !== q.rows) {
      throw new Error(`exclude: expected one entry per query (${q.rows}), got ${exclude.length}`);
    }
    const available = exclude !== undefined ? this.size - 1 : this.size;
    if (!Number.isInteger(k) || k < 1 || k > available) {
      throw new Error(
        `k: expected an integer in [1, ${available}] (${this.size} reference rows${exclude ? ', one excluded per query' : ''}), got ${k}`,
      );
    }
    const fetch = exclude !== undefined ? Math.min(k + 1, this.size) : k;
    native.setEf(Math.max(this.ef, fetch));
    const indices = new Int32Array(q.rows * k);
    const distances = new Float32Array(q.rows * k);
    const point = new Array<number>(q.cols);
    for (let i = 0; i < q.rows; i++) {
      for (let c = 0; c < q.cols; c++) point[c] = q.data[i * q.cols + c];
      const found = native.searchKnn(point, fetch);
      const order = found.neighbors
        .map((_, j) => j)
        .sort((a, b) => found.distances[a] - found.distances[b] || found.neighbors[a] - found.neighbors[b]);
      const skip = exclude?.[i] ?? -1;
      let written = 0;
      for (const j of order) {
        if (written === k) break;
        if (found.neighbors[j] === skip) continue;
        indices[i * k + written] = found.neighbors[j];
        // hnswlib's l2 space reports squared distances.
        distances[i * k + written] =
          this.metric === 'euclidean' ? Math.sqrt(Math.max(0, found.distances[j])) : found.distances[j];
        written++;
      }
      if (written < k)
        throw new Error(
          `HnswIndex: the graph search returned ${written} of ${k} neighbours for query ${i}; raise ef`,
        );
    }
    return { indices, distances, numQueries: q.rows, k };
  }

  dispose(): void {
    // hnswlib-node frees native memory when the object is garbage collected; drop our reference.
    this.native = null;
  }
}
