import { SeededRandom } from '@contrastive/core';

/**
 * `count` distinct row indices out of `n`, drawn without replacement by a seeded shuffle (same seed, same rows),
 * e.g. to subsample embeddings before t-SNE or to pick the queries of a recall measurement.
 */
export function sampleIndices(n: number, count: number, seed = 0): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new Error(`n: expected a non-negative integer, got ${n}`);
  if (!Number.isInteger(count) || count < 0 || count > n)
    throw new Error(`count: expected an integer in [0, ${n}], got ${count}`);
  return Int32Array.from(new SeededRandom(seed).permutation(n).slice(0, count));
}
