/** Clustered data: `clusters` Gaussian centres in `dim` dimensions, `n` points, deterministic (LCG + Box-Muller). */
export function clustered(
  n: number,
  dim: number,
  clusters: number,
  spread: number,
  seed = 1,
): Float32Array[] {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dim }, normal));
  return Array.from({ length: n }, (_, i) =>
    Float32Array.from(centres[i % clusters], (v) => v + spread * normal()),
  );
}
