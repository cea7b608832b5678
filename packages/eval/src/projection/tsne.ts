import { TSNE } from '@keckelt/tsne';
import { SeededRandom } from '@contrastive/core';
import { toRows, type DenseMatrix } from '../input/matrix';

/** t-SNE options (see @keckelt/tsne, a TypeScript port of Karpathy's tsnejs). */
export interface TsneOptions {
  /** Default min(30, (N - 1) / 3). */
  readonly perplexity?: number;
  /** Gradient-descent iterations (the first 100 use early exaggeration 4). Default 500. */
  readonly iterations?: number;
  /** Learning rate (tsnejs' `epsilon`). Default 10. */
  readonly learningRate?: number;
}

/** Largest N accepted: this is exact t-SNE, O(N²) memory and time per iteration. */
export const TSNE_MAX_POINTS = 5000;

/** tsnejs draws every random number through `gaussRandom()`: route it through a seeded generator. */
class SeededTsne extends TSNE {
  constructor(
    options: Record<string, number>,
    private readonly rng: SeededRandom,
  ) {
    super(options);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override gaussRandom(): any {
    return this.rng.normal(0, 1);
  }
}

/**
 * Exact t-SNE to 2-D with @keckelt/tsne. Its only randomness is the initial layout, drawn through
 * `gaussRandom`, which we seed, so the same seed gives the same layout.
 */
export function tsne2d(m: DenseMatrix, seed: number, options: TsneOptions = {}): Float32Array {
  if (m.rows > TSNE_MAX_POINTS) {
    throw new Error(
      `embeddings: t-SNE is exact (O(N^2)) here, expected at most ${TSNE_MAX_POINTS} rows, got ${m.rows}; use method 'umap' or subsample (sampleIndices)`,
    );
  }
  if (m.rows < 4) throw new Error(`embeddings: t-SNE needs at least 4 rows, got ${m.rows}`);
  const perplexity = options.perplexity ?? Math.min(30, (m.rows - 1) / 3);
  if (!(perplexity > 0) || perplexity >= m.rows) {
    throw new Error(
      `perplexity: expected a number in (0, ${m.rows}) (below the number of rows), got ${perplexity}`,
    );
  }
  const iterations = options.iterations ?? 500;
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new Error(`iterations: expected a positive integer, got ${iterations}`);
  const learningRate = options.learningRate ?? 10;
  if (!(learningRate > 0)) throw new Error(`learningRate: expected a positive number, got ${learningRate}`);
  const model = new SeededTsne({ dim: 2, perplexity, epsilon: learningRate }, new SeededRandom(seed));
  model.initDataRaw(toRows(m));
  for (let i = 0; i < iterations; i++) model.step();
  const out = model.getSolution() as number[][];
  const result = new Float32Array(m.rows * 2);
  for (let i = 0; i < m.rows; i++) {
    result[2 * i] = out[i][0];
    result[2 * i + 1] = out[i][1];
  }
  return result;
}
