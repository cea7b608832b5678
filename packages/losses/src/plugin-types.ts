import type { ContrastiveLoss } from './types';

/** What this package's plugin kinds build: `registry.create(...)` returns these, typed, with no cast. */
declare module '@contrastive/core' {
  interface PluginTypes {
    /** What `registry.create('loss', ...)` returns. */
    loss: ContrastiveLoss;
  }
}
