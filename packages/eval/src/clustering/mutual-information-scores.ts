import { readLabels, type LabelInput } from '../input/matrix';
import { contingency, entropy, mutualInformation } from './contingency';
import { expectedMutualInformation } from './expected-mutual-information';

/** How the two entropies are averaged in the normaliser (sklearn's `average_method`). */
export type AverageMethod = 'arithmetic' | 'geometric' | 'min' | 'max';

/** Options of {@link nmi} and {@link ami}. */
export interface MutualInformationOptions {
  /** Default `arithmetic` (sklearn's default, and what the reference vectors use). */
  readonly averageMethod?: AverageMethod;
}

function average(a: number, b: number, method: AverageMethod): number {
  switch (method) {
    case 'arithmetic':
      return (a + b) / 2;
    case 'geometric':
      return Math.sqrt(a * b);
    case 'min':
      return Math.min(a, b);
    case 'max':
      return Math.max(a, b);
    default:
      throw new Error(
        `averageMethod: expected 'arithmetic', 'geometric', 'min' or 'max', got ${String(method)}`,
      );
  }
}

/**
 * What both scores start from: the averaging method (checked up front, so a bad one fails even
 * where the score returns early), the contingency table, and whether the labelings are trivial.
 */
function prepare(labels: LabelInput, clusters: LabelInput, options: MutualInformationOptions) {
  const method = options.averageMethod ?? 'arithmetic';
  average(0, 0, method);
  const y = readLabels(labels, 'labels');
  const c = readLabels(clusters, 'clusters', y.length, 'label');
  if (y.length === 0) throw new Error('labels: expected at least one label, got 0');
  const table = contingency(y, c);
  // sklearn: identical trivial labelings (one class each, or one class per point each) score 1.
  const trivial =
    (table.rowSums.length === 1 && table.colSums.length === 1) ||
    (table.rowSums.length === y.length && table.colSums.length === y.length);
  return { method, table, trivial };
}

const EPS = 2.220446049250313e-16;

/**
 * Normalised mutual information, sklearn's `normalized_mutual_info_score`:
 * MI / mean(H(labels), H(clusters)) with the arithmetic mean by default.
 */
export function nmi(
  labels: LabelInput,
  clusters: LabelInput,
  options: MutualInformationOptions = {},
): number {
  const { method, table, trivial } = prepare(labels, clusters, options);
  if (trivial) return 1;
  const mi = mutualInformation(table);
  if (mi === 0) return 0;
  const hTrue = entropy(table.rowSums, table.n);
  const hPred = entropy(table.colSums, table.n);
  return mi / Math.max(average(hTrue, hPred, method), EPS);
}

/**
 * Adjusted mutual information, sklearn's `adjusted_mutual_info_score`:
 * (MI - E[MI]) / (mean(H(labels), H(clusters)) - E[MI]), E[MI] under the hypergeometric model,
 * arithmetic mean by default. 1 for identical labelings, about 0 for independent ones, can be negative.
 */
export function ami(
  labels: LabelInput,
  clusters: LabelInput,
  options: MutualInformationOptions = {},
): number {
  const { method, table, trivial } = prepare(labels, clusters, options);
  if (trivial) return 1;
  const mi = mutualInformation(table);
  const emi = expectedMutualInformation(table);
  const hTrue = entropy(table.rowSums, table.n);
  const hPred = entropy(table.colSums, table.n);
  let denominator = average(hTrue, hPred, method) - emi;
  denominator = denominator < 0 ? Math.min(denominator, -EPS) : Math.max(denominator, EPS);
  return (mi - emi) / denominator;
}
