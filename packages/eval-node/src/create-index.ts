import {
  ExactNeighbourIndex,
  readMatrix,
  type MatrixInput,
  type NeighbourIndex,
  type NeighbourMetric,
} from '@contrastive/eval';
import { HnswIndex, type HnswIndexOptions } from './hnsw-index';

/** Options of {@link createNeighbourIndex}. */
export interface CreateIndexOptions extends HnswIndexOptions {
  /** Use HNSW when the reference has more rows than this; exact search otherwise. Default 20,000. */
  readonly approximateAbove?: number;
  readonly metric?: NeighbourMetric;
}

/** Exact tfjs search for small reference sets, HNSW for large ones, behind one interface. */
export function createNeighbourIndex(
  reference: MatrixInput,
  options: CreateIndexOptions = {},
): NeighbourIndex {
  const data = readMatrix(reference, 'reference');
  const threshold = options.approximateAbove ?? 20_000;
  if (data.rows > threshold) return new HnswIndex(data, options);
  return new ExactNeighbourIndex(data, { metric: options.metric });
}
