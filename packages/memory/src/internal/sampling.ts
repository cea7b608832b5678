import type { SeededRandom } from '@contrastive/core';

/**
 * `count` distinct integers drawn uniformly from [0, n) minus `exclude`, in draw order.
 * Rejection sampling when the draw is sparse, a partial Fisher-Yates shuffle otherwise.
 */
export function sampleDistinct(
  rng: SeededRandom,
  n: number,
  count: number,
  exclude: ReadonlySet<number>,
): Int32Array {
  const available = n - exclude.size;
  if (count > available) {
    throw new Error(`sampleDistinct: cannot draw ${count} distinct values from ${available} available`);
  }
  const out = new Int32Array(count);
  if (count * 2 <= available) {
    const taken = new Set<number>();
    let k = 0;
    while (k < count) {
      const value = rng.int(n);
      if (exclude.has(value) || taken.has(value)) continue;
      taken.add(value);
      out[k++] = value;
    }
    return out;
  }
  const pool = new Int32Array(available);
  let m = 0;
  for (let value = 0; value < n; value++) if (!exclude.has(value)) pool[m++] = value;
  for (let k = 0; k < count; k++) {
    const j = k + rng.int(available - k);
    const swap = pool[k];
    pool[k] = pool[j];
    pool[j] = swap;
    out[k] = pool[k];
  }
  return out;
}

/** Distinct values of `values` in first-occurrence order, and each value's position in that list. */
export function uniqueWithSegments(values: Int32Array): { unique: Int32Array; segments: Int32Array } {
  const position = new Map<number, number>();
  const segments = new Int32Array(values.length);
  const unique: number[] = [];
  values.forEach((value, i) => {
    let at = position.get(value);
    if (at === undefined) {
      at = unique.length;
      position.set(value, at);
      unique.push(value);
    }
    segments[i] = at;
  });
  return { unique: Int32Array.from(unique), segments };
}
