import { SeededRandom } from '@contrastive/core';

/** Gaussian blobs: `perClass` points around each of `classes` random centres in `dim` dimensions. */
export function blobs(
  classes: number,
  perClass: number,
  dim: number,
  spread: number,
  seed = 1,
): { x: number[][]; y: number[] } {
  const rng = new SeededRandom(seed);
  const centres = Array.from({ length: classes }, () => Array.from({ length: dim }, () => rng.normal(0, 1)));
  const x: number[][] = [];
  const y: number[] = [];
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      x.push(centres[c].map((v) => v + rng.normal(0, spread)));
      y.push(c);
    }
  }
  return { x, y };
}
