/** A plugin reference as stored in a saved model: the registry id and the options it was built with. */
export interface PartRef {
  /** Plugin id. */
  id: string;
  /** Plugin options as given. */
  options: Record<string, unknown>;
}

/**
 * What a `ContrastiveModel` was built from, saved beside its topology and weights. The topology
 * alone restores the model; the manifest records the registry ids and options for humans,
 * configs and rebuilding.
 */
export interface ModelManifest {
  /** The encoder plugin and options. */
  encoder?: PartRef;
  /** The head plugin and options. */
  head?: PartRef;
  /** Per-example input shape. */
  inputShape: number[];
  /** Encoder (pre-head) feature width F. */
  featureDim: number;
  /** Embedding width D. */
  embeddingDim: number;
}
