import { definePlugin, type PluginDefinition, type z } from '@contrastive/core';
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

/**
 * A `metric` plugin: its id, what it measures, the schema of its options and what it computes
 * from them and the embeddings. The instance is an {@link EmbeddingMetric} with that id.
 */
export function defineMetric<S extends z.ZodType>(
  id: string,
  description: string,
  optionsSchema: S,
  evaluate: (options: z.output<S>, input: MetricInput) => Record<string, number>,
): PluginDefinition<z.output<S>, EmbeddingMetric, 'metric', z.input<S>> {
  return definePlugin({
    kind: 'metric',
    id,
    description,
    optionsSchema,
    create: (options: z.output<S>): EmbeddingMetric => ({ id, evaluate: (input) => evaluate(options, input) }),
  });
}
