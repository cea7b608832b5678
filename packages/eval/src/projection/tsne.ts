import TSNE from 'tsne-js';
import { SeededRandom } from '@contrastive/core';
import type { DenseMatrix } from '../input/matrix';
import { toRows } from '../input/matrix';

/** t-SNE options (see tsne-js). */
export interface TsneOptions {
  /** Default min(30, (N - 1) / 3). */
  readonly perplexity?: number;
  /** Gradient-descent iterations. Default 500. */
  readonly iterations?: number;
  /** Default 100. */
  readonly learningRate?: number;
  /** Default 4 (tsne-js' default). */
  readonly earlyExaggeration?: number;
}

/** Largest N accepted: tsne-js is exact t-SNE with O(N²) memory and time. */
export const TSNE_MAX_POINTS = 5000;

/**
 * Exact t-SNE to 2-D with tsne-js. tsne-js draws its random initial layout from `Math.random`; we overwrite that
 * layout with a seeded one (N(0, 1e-4²), as tsne-js does) before running, and the optimisation itself is
 * deterministic, so the same seed gives the same layout.
 */
export function tsne2d(m: DenseMatrix, seed: number, options: TsneOptions = {}): Float32Array {
  if (m.rows > TSNE_MAX_POINTS) {
    throw new Error(`embeddings: t-SNE is exact (O(N^2)) here, expected at most ${TSNE_MAX_POINTS} rows, got ${m.rows}; use method 'umap' or subsample`);
  }
  if (m.rows < 4) throw new Error(`embeddings: t-SNE needs at least 4 rows, got ${m.rows}`);
  const perplexity = options.perplexity ?? Math.min(30, (m.rows - 1) / 3);
  if (!(perplexity > 0) || perplexity >= m.rows) {
    throw new Error(`perplexity: expected a number in (0, ${m.rows}) (below the number of rows), got ${perplexity}`);
  }
  const model = new TSNE({
    dim: 2,
    perplexity,
    earlyExaggeration: options.earlyExaggeration ?? 4,
    learningRate: options.learningRate ?? 100,
    nIter: options.iterations ?? 500,
    metric: 'euclidean',
  });
  model.init({ data: toRows(m), type: 'dense' });
  const rng = new SeededRandom(seed);
  const init = model.outputEmbedding.data;
  for (let i = 0; i < init.length; i++) init[i] = rng.normal(0, 1e-4);
  model.run();
  const out = model.getOutput();
  const result = new Float32Array(m.rows * 2);
  for (let i = 0; i < m.rows; i++) {
    result[2 * i] = out[i][0];
    result[2 * i + 1] = out[i][1];
  }
  return result;
}
