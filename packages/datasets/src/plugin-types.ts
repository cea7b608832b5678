import type { LabeledDataset } from './types';

/** What this package's plugin kinds build: `registry.create(...)` returns these, typed, with no cast. */
declare module '@contrastive/core' {
  interface PluginTypes {
    /** Node datasets (`@contrastive/datasets-node`) load asynchronously. */
    dataset: LabeledDataset | Promise<LabeledDataset>;
  }
}
