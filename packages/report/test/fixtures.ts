/** Small deterministic inputs shared by the tests. */

export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** `n` points in 10 clusters on a circle; point i has label i % 10. */
export function clusteredPoints(n: number): { flat: Float32Array; rows: number[][]; labels: Int32Array } {
  const flat = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 10;
    labels[i] = c;
    flat[2 * i] = 10 * Math.cos(c) + 1.5 * Math.sin(7 * i);
    flat[2 * i + 1] = 10 * Math.sin(c) + 1.5 * Math.cos(11 * i);
  }
  const rows = Array.from({ length: n }, (_, i) => [flat[2 * i], flat[2 * i + 1]]);
  return { flat, rows, labels };
}

/** An exponentially decaying loss curve of `n` epochs. */
export function lossCurve(n: number, start = 5, floor = 0.3): { x: number; y: number }[] {
  return Array.from({ length: n }, (_, i) => ({ x: i + 1, y: floor + (start - floor) * Math.exp(-i / 6) }));
}

/** Counts data points of the (first) symbol mark of a vega SVG, ignoring legend symbols. */
export function countSymbolMarks(svg: string): number {
  const start = svg.indexOf('mark-symbol role-mark');
  if (start < 0) return 0;
  const end = svg.indexOf('</g>', start);
  return (svg.slice(start, end).match(/<path /g) ?? []).length;
}

/** Text contents of all `<text>` elements of an SVG (entities decoded). */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
}
