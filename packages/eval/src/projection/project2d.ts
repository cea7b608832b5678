import { readMatrix, type MatrixInput } from '../input/matrix';
import { tsne2d, type TsneOptions } from './tsne';
import { umap2d, type UmapOptions } from './umap';

/** Options of {@link project2d}. */
export interface Project2dOptions extends TsneOptions, UmapOptions {
  /** Default `tsne`. */
  readonly method?: 'tsne' | 'umap';
  /** Same seed, same layout. Default 0. */
  readonly seed?: number;
}

/**
 * Projects embeddings `[N, D]` to 2-D for plotting: `[N, 2]` row-major (x0, y0, x1, y1, ...).
 * Seeded: the same input, options and seed give the same layout.
 */
export function project2d(embeddings: MatrixInput, options: Project2dOptions = {}): Float32Array {
  const m = readMatrix(embeddings, 'embeddings');
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new Error(`seed: expected an integer, got ${seed}`);
  const method = options.method ?? 'tsne';
  if (method === 'tsne') return tsne2d(m, seed, options);
  if (method === 'umap') return umap2d(m, seed, options);
  throw new Error(`method: expected 'tsne' or 'umap', got ${String(method)}`);
}
