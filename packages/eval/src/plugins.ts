import { createPluginModule } from '@contrastive/core';
import { clusterQualityMetric } from './clustering/cluster-quality';
import { knnAccuracyMetric } from './knn/knn-classifier';
import { linearProbeMetric } from './probe/linear-probe';
import { retrievalMetric } from './retrieval/retrieval-metrics';

/** The `metric` plugins of this package; each sits beside what it computes. */
export const evalPlugins = [retrievalMetric, clusterQualityMetric, knnAccuracyMetric, linearProbeMetric] as const;

/** Registers every `metric` plugin of this package: `registry.load(evalModule)`. */
export const evalModule = createPluginModule(evalPlugins);
