import type { EmbeddingMetric } from './metric';

/** What this package's plugin kinds build: `registry.create(...)` returns these, typed, with no cast. */
declare module '@contrastive/core' {
  interface PluginTypes {
    /** What `registry.create('metric', ...)` returns. */
    metric: EmbeddingMetric;
  }
}
