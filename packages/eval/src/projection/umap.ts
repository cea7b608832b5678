import { UMAP } from 'umap-js';
import { SeededRandom } from '@contrastive/core';
import { toRows, type DenseMatrix } from '../input/matrix';

/** UMAP options (see umap-js). */
export interface UmapOptions {
  /** Default min(15, N - 1). */
  readonly nNeighbors?: number;
  /** Default 0.1. */
  readonly minDist?: number;
  /** Default: umap-js' choice (200 for large N, 500 for small). */
  readonly nEpochs?: number;
}

/** UMAP to 2-D with umap-js, all of whose randomness goes through the seeded generator we pass it. */
export function umap2d(m: DenseMatrix, seed: number, options: UmapOptions = {}): Float32Array {
  if (m.rows < 3) throw new Error(`embeddings: UMAP needs at least 3 rows, got ${m.rows}`);
  const nNeighbors = options.nNeighbors ?? Math.min(15, m.rows - 1);
  if (!Number.isInteger(nNeighbors) || nNeighbors < 2 || nNeighbors >= m.rows) {
    throw new Error(`nNeighbors: expected an integer in [2, ${m.rows - 1}], got ${nNeighbors}`);
  }
  const rng = new SeededRandom(seed);
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors,
    minDist: options.minDist ?? 0.1,
    nEpochs: options.nEpochs,
    random: () => rng.next(),
  });
  const out = umap.fit(toRows(m));
  const result = new Float32Array(m.rows * 2);
  for (let i = 0; i < m.rows; i++) {
    result[2 * i] = out[i][0];
    result[2 * i + 1] = out[i][1];
  }
  return result;
}
