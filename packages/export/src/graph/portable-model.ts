import type { ContrastiveModel, ModelManifest } from '@contrastive/encoders';
import type { PortableGraph } from './portable-graph';
import { traceLayersModel } from './trace-layers';

/** Encoder and (optionally) head of a `ContrastiveModel`, traced for the exporters. */
export interface PortableModel {
  /** The encoder's graph. */
  encoder: PortableGraph;
  /** The projection head's graph, when exported. */
  head?: PortableGraph;
  /** The saved model's manifest (plugin ids and options, shapes). */
  manifest: ModelManifest;
}

/** Traces `model.encoder` and, when `includeHead`, `model.head` (the L2-normalised projection). */
export function traceContrastiveModel(model: ContrastiveModel, includeHead: boolean): PortableModel {
  const encoder = traceLayersModel(model.encoder);
  const head = includeHead ? traceLayersModel(model.head) : undefined;
  return { encoder, ...(head ? { head } : {}), manifest: model.manifest };
}
