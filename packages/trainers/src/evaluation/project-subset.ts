import { project2d } from '@contrastive/eval';
import type { ExtractedFeatures } from './feature-extraction';

/**
 * A 2-D projection of at most about `maxPoints` rows of `features`: an evenly strided subsample
 * keeps every class represented and the plot readable (and t-SNE/UMAP fast).
 */
export function projectSubset(
  features: ExtractedFeatures,
  labels: Int32Array,
  method: 'tsne' | 'umap',
  maxPoints: number,
  seed: number,
): { points: number[]; labels: number[] } {
  const stride = Math.max(1, Math.floor(features.rows / maxPoints));
  const rows = Array.from({ length: Math.ceil(features.rows / stride) }, (_, i) => i * stride).filter(
    (r) => r < features.rows,
  );
  const data = new Float32Array(rows.length * features.cols);
  rows.forEach((row, i) =>
    data.set(features.data.subarray(row * features.cols, (row + 1) * features.cols), i * features.cols),
  );
  const points = project2d({ data, rows: rows.length, cols: features.cols }, { method, seed });
  return { points: Array.from(points), labels: rows.map((row) => labels[row]) };
}
