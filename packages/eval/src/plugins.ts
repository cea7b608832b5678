import { createPluginModule, definePlugin, z, type PluginDefinition } from '@contrastive/core';
import { clusterQuality } from './clustering/cluster-quality';
import { knnAccuracy } from './knn/knn-classifier';
import type { EmbeddingMetric, MetricInput } from './metric';
import { fitLinearProbe } from './probe/linear-probe';
import { retrievalMetrics } from './retrieval/retrieval-metrics';

/** Options of the `retrieval` metric plugin (none). */
export const retrievalMetricSchema = z.object({}).strict();

/** Options of the `cluster-quality` metric plugin. */
export const clusterQualityMetricSchema = z
  .object({
    k: z.number().int().positive().optional(),
    seed: z.number().int().default(0),
    maxIterations: z.number().int().positive().default(100),
  })
  .strict();

/** Options of the `knn-accuracy` metric plugin. */
export const knnAccuracyMetricSchema = z
  .object({
    k: z.number().int().positive().default(200),
    temperature: z.number().positive().default(0.1),
  })
  .strict();

/** Options of the `linear-probe` metric plugin. */
export const linearProbeMetricSchema = z
  .object({
    epochs: z.number().int().positive().default(50),
    batchSize: z.number().int().positive().default(256),
    learningRate: z.number().positive().default(0.01),
    weightDecay: z.number().min(0).default(0),
    seed: z.number().int().default(0),
    scaling: z.enum(['standardise', 'l2', 'none']).default('standardise'),
  })
  .strict();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function metric<S extends z.ZodType<any>>(
  id: string,
  description: string,
  optionsSchema: S,
  evaluate: (options: z.output<S>, input: MetricInput) => Record<string, number>,
): PluginDefinition<z.output<S>, EmbeddingMetric> {
  return definePlugin({
    kind: 'metric',
    id,
    description,
    optionsSchema,
    create: (options: z.output<S>) => ({ id, evaluate: (input: MetricInput) => evaluate(options, input) }),
  });
}

/** The `metric` plugins of this package. */
export const evalPlugins = [
  metric(
    'retrieval',
    'Precision@1, R-precision and MAP@R (pytorch-metric-learning AccuracyCalculator, query set = reference set)',
    retrievalMetricSchema,
    (_options, input) => {
      const r = retrievalMetrics(input.embeddings, input.labels);
      return { precisionAt1: r.precisionAt1, rPrecision: r.rPrecision, mapAtR: r.mapAtR };
    },
  ),
  metric(
    'cluster-quality',
    'NMI and AMI of seeded k-means clusters against the labels',
    clusterQualityMetricSchema,
    (options, input) => {
      const q = clusterQuality(input.embeddings, input.labels, options.k, {
        seed: options.seed,
        maxIterations: options.maxIterations,
      });
      return { nmi: q.nmi, ami: q.ami };
    },
  ),
  metric(
    'knn-accuracy',
    'Weighted kNN accuracy (cosine, exp(sim/t) votes, as lightly knn_predict); leave-one-out without a training set',
    knnAccuracyMetricSchema,
    (options, input) => {
      const knn = input.train
        ? knnAccuracy(input.train.embeddings, input.train.labels, input.embeddings, input.labels, options)
        : knnAccuracy(input.embeddings, input.labels, input.embeddings, input.labels, {
            ...options,
            excludeSelf: true,
          });
      return { knnAccuracy: knn };
    },
  ),
  metric(
    'linear-probe',
    'Accuracy of a softmax-regression probe fitted on the training embeddings',
    linearProbeMetricSchema,
    (options, input) => {
      if (!input.train)
        throw new Error('train: the linear-probe metric needs training embeddings and labels, got none');
      const probe = fitLinearProbe(input.train.embeddings, input.train.labels, options);
      try {
        return {
          linearProbeAccuracy: probe.accuracy(input.embeddings, input.labels),
          trainAccuracy: probe.history[probe.history.length - 1].accuracy,
        };
      } finally {
        probe.dispose();
      }
    },
  ),
] as const;

/** Registers every `metric` plugin of this package: `registry.load(evalModule)`. */
export const evalModule = createPluginModule(evalPlugins);
