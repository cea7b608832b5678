import type * as tfl from '@tensorflow/tfjs-layers';

/** What this package's plugin kinds build: `registry.create(...)` returns these, typed, with no cast. */
declare module '@contrastive/core' {
  interface PluginTypes {
    /** What `registry.create('encoder', ...)` returns. */
    encoder: tfl.LayersModel;
    /** What `registry.create('head', ...)` returns. */
    head: tfl.LayersModel;
  }
}
