// float64 references for the SIMD GEMM kernels (SymmetricGram, SymmetrizedMatMul).

/** alpha x xᵀ in float64. */
export function gramReference(x: Float32Array, n: number, d: number, alpha: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < d; k++) sum += x[i * d + k] * x[j * d + k];
      out[i * n + j] = alpha * sum;
    }
  }
  return out;
}

/** alpha (g + gᵀ) c in float64. */
export function symmetrizedReference(
  g: Float32Array,
  c: Float32Array,
  n: number,
  d: number,
  alpha: number,
): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const s = alpha * (g[i * n + k] + g[k * n + i]);
      for (let j = 0; j < d; j++) out[i * d + j] += s * c[k * d + j];
    }
  }
  return out;
}
