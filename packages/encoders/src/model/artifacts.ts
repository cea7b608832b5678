import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { ModelManifest } from './manifest';

/** `format` of the artifacts a `ContrastiveModel` saves. */
export const CONTRASTIVE_FORMAT = 'contrastive-model';
const VERSION = 1;

interface PartTopology {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  /** Bytes of this part's weights in the combined weight buffer. */
  weightBytes: number;
}

/** The `modelTopology` of a saved `ContrastiveModel`: both parts and the manifest. */
export interface ContrastiveTopology {
  /** Marks the file as a contrastive model. */
  format: typeof CONTRASTIVE_FORMAT;
  /** Format version, checked on load. */
  version: number;
  /** The plugin ids and options the parts were built from. */
  manifest: ModelManifest;
  /** The encoder's layers topology. */
  encoder: PartTopology;
  /** The head's layers topology. */
  head: PartTopology;
}

function toBuffer(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  return tf.io.CompositeArrayBuffer.join(data);
}

/** The topology, weight specs and weight bytes of one layers model, captured without writing anywhere. */
async function capture(model: tfl.LayersModel): Promise<{ topology: object; specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer }> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
    }),
  );
  if (!artifacts || !artifacts.modelTopology || artifacts.modelTopology instanceof ArrayBuffer) {
    throw new Error('ContrastiveModel.save: tfjs-layers produced no JSON topology');
  }
  return { topology: artifacts.modelTopology, specs: artifacts.weightSpecs ?? [], data: toBuffer(artifacts.weightData) };
}

/** One set of tfjs `ModelArtifacts` holding encoder, head and manifest (any tfjs IOHandler can store it). */
export async function packArtifacts(encoder: tfl.LayersModel, head: tfl.LayersModel, manifest: ModelManifest): Promise<tf.io.ModelArtifacts> {
  const e = await capture(encoder);
  const h = await capture(head);
  const topology: ContrastiveTopology = {
    format: CONTRASTIVE_FORMAT,
    version: VERSION,
    manifest,
    encoder: { modelTopology: e.topology, weightSpecs: e.specs, weightBytes: e.data.byteLength },
    head: { modelTopology: h.topology, weightSpecs: h.specs, weightBytes: h.data.byteLength },
  };
  return {
    modelTopology: topology as unknown as object,
    format: CONTRASTIVE_FORMAT,
    generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
    convertedBy: '@contrastive/encoders',
    weightSpecs: [...e.specs, ...h.specs],
    weightData: tf.io.concatenateArrayBuffers([e.data, h.data]),
  };
}

/** Splits artifacts written by {@link packArtifacts} back into encoder, head and manifest. */
export async function unpackArtifacts(
  artifacts: tf.io.ModelArtifacts,
  source: string,
): Promise<{ encoder: tfl.LayersModel; head: tfl.LayersModel; manifest: ModelManifest }> {
  const topology = artifacts.modelTopology as Partial<ContrastiveTopology> | undefined;
  if (!topology || topology instanceof ArrayBuffer || topology.format !== CONTRASTIVE_FORMAT) {
    throw new Error(
      `ContrastiveModel.load: ${source} is not a saved ContrastiveModel (expected modelTopology.format '${CONTRASTIVE_FORMAT}', got ${JSON.stringify(
        topology && !(topology instanceof ArrayBuffer) ? (topology.format ?? artifacts.format) : typeof topology,
      )})`,
    );
  }
  if (topology.version !== VERSION) {
    throw new Error(`ContrastiveModel.load: ${source} has format version ${topology.version}; this package reads version ${VERSION}`);
  }
  const { encoder, head, manifest } = topology as ContrastiveTopology;
  const data = toBuffer(artifacts.weightData);
  if (data.byteLength !== encoder.weightBytes + head.weightBytes) {
    throw new Error(
      `ContrastiveModel.load: ${source} holds ${data.byteLength} bytes of weights, its topology expects ${encoder.weightBytes + head.weightBytes} (truncated or mismatched weights file?)`,
    );
  }
  const part = (p: PartTopology, start: number) =>
    tfl.loadLayersModel(
      tf.io.fromMemory({ modelTopology: p.modelTopology, weightSpecs: p.weightSpecs, weightData: data.slice(start, start + p.weightBytes) }),
    );
  const encoderModel = await part(encoder, 0);
  try {
    return { encoder: encoderModel, head: await part(head, encoder.weightBytes), manifest };
  } catch (error) {
    encoderModel.dispose();
    throw error;
  }
}
