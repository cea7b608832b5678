/** Picks a categorical colour scheme with enough distinct colours for `count` categories. */
export function categoricalScheme(count: number): 'tableau10' | 'tableau20' | 'sinebow' {
  if (count <= 10) return 'tableau10';
  if (count <= 20) return 'tableau20';
  // Beyond 20 no categorical scheme is distinct enough; a cyclic continuous scheme sampled
  // `count` times at least keeps neighbours apart.
  return 'sinebow';
}

/** Rounds to 7 significant digits so float32 noise (0.30000001192...) does not bloat the spec. */
export function compactNumber(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(7)) : v;
}
