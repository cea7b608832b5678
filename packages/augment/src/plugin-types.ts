import type { ViewSource } from './views/view-groups';

/** What this package's plugin kinds build: `registry.create(...)` returns these, typed, with no cast. */
declare module '@contrastive/core' {
  interface PluginTypes {
    augmentation: ViewSource;
  }
}
