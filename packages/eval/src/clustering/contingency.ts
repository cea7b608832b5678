/** A contingency table between two labelings of the same N points. */
export interface Contingency {
  /** Sizes of the classes of the first labeling (row sums). */
  readonly rowSums: Float64Array;
  /** Sizes of the classes of the second labeling (column sums). */
  readonly colSums: Float64Array;
  /** Non-zero cells as [row, col, count] triples. */
  readonly cells: ReadonlyArray<readonly [number, number, number]>;
  readonly n: number;
}

function relabel(values: Int32Array): { codes: Int32Array; count: number } {
  const map = new Map<number, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let c = map.get(values[i]);
    if (c === undefined) {
      c = map.size;
      map.set(values[i], c);
    }
    codes[i] = c;
  }
  return { codes, count: map.size };
}

/** Builds the (sparse) contingency table of two equally long labelings. */
export function contingency(a: Int32Array, b: Int32Array): Contingency {
  const ra = relabel(a);
  const rb = relabel(b);
  const rowSums = new Float64Array(ra.count);
  const colSums = new Float64Array(rb.count);
  const cellMap = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    rowSums[ra.codes[i]]++;
    colSums[rb.codes[i]]++;
    const key = ra.codes[i] * rb.count + rb.codes[i];
    cellMap.set(key, (cellMap.get(key) ?? 0) + 1);
  }
  const cells: Array<[number, number, number]> = [];
  for (const [key, count] of cellMap) cells.push([Math.floor(key / rb.count), key % rb.count, count]);
  return { rowSums, colSums, cells, n: a.length };
}

/** Shannon entropy (natural log) of a labeling given its class sizes. */
export function entropy(sizes: Float64Array, n: number): number {
  let h = 0;
  for (const s of sizes) if (s > 0) h -= (s / n) * Math.log(s / n);
  return h;
}

/** Mutual information (natural log) of the two labelings of a contingency table. */
export function mutualInformation(t: Contingency): number {
  let mi = 0;
  for (const [i, j, nij] of t.cells) {
    mi += (nij / t.n) * Math.log((t.n * nij) / (t.rowSums[i] * t.colSums[j]));
  }
  return Math.max(0, mi);
}
