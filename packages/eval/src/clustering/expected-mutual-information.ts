import type { Contingency } from './contingency';

/** log(k!) for k = 0..n. */
function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) out[k] = out[k - 1] + Math.log(k);
  return out;
}

/**
 * Expected mutual information of two labelings with the table's marginals under the hypergeometric
 * (permutation) model, as in sklearn's `expected_mutual_information` (Vinh, Epps & Bailey 2010).
 * O(R·C·N) in the worst case.
 */
export function expectedMutualInformation(t: Contingency): number {
  const n = t.n;
  const lf = logFactorials(n);
  let emi = 0;
  for (const a of t.rowSums) {
    for (const b of t.colSums) {
      const start = Math.max(1, a + b - n);
      const end = Math.min(a, b);
      // log of the terms of the hypergeometric probability that do not depend on nij.
      const fixed = lf[a] + lf[b] + lf[n - a] + lf[n - b] - lf[n];
      for (let nij = start; nij <= end; nij++) {
        const logP = fixed - lf[nij] - lf[a - nij] - lf[b - nij] - lf[n - a - b + nij];
        emi += (nij / n) * Math.log((n * nij) / (a * b)) * Math.exp(logP);
      }
    }
  }
  return emi;
}
