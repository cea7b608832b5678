import type { ViewSource } from './views/view-groups';

/** What this package's plugin kinds build: `registry.create(...)` returns these, typed, with no cast. */
declare module '@contrastive/core' {
  interface PluginTypes {
    /** What `registry.create('augmentation', ...)` returns: one augmentation or a view generator. */
    augmentation: ViewSource;
  }
}
