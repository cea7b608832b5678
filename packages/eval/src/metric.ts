import type { LabelInput, MatrixInput } from './input/matrix';

/** What a metric plugin evaluates: labelled (test) embeddings, and optionally a labelled training set. */
export interface MetricInput {
  readonly embeddings: MatrixInput;
  readonly labels: LabelInput;
  /** Training embeddings and labels, for metrics that fit something (linear probe) or vote (kNN). */
  readonly train?: { readonly embeddings: MatrixInput; readonly labels: LabelInput };
}

/** The instance of a `metric` plugin: named scalar results for a set of embeddings. */
export interface EmbeddingMetric {
  readonly id: string;
  evaluate(input: MetricInput): Record<string, number>;
}
