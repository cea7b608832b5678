import * as tf from '@tensorflow/tfjs-core';
import { strToU8, zipSync } from 'fflate';
import type { ContrastiveModel } from '@contrastive/encoders';

/** The folder inside the zip: `unzip` it, then `contrastive eval --model contrastive-model`. */
export const MODEL_FOLDER = 'contrastive-model';

/**
 * The trained encoder and head as one zip of the folder `contrastive train` writes and
 * `contrastive eval --model` reads: `model.json` (tfjs format, its weights manifest pointing at
 * `./weights.bin`, the model manifest in its metadata) and `weights.bin`. One file, so the browser
 * shows one download instead of asking to allow several.
 */
export async function modelZip(model: ContrastiveModel): Promise<Uint8Array> {
  let files: Record<string, Uint8Array> = {};
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData
        ? tf.io.CompositeArrayBuffer.join(artifacts.weightData)
        : new ArrayBuffer(0);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      files = {
        [`${MODEL_FOLDER}/model.json`]: strToU8(JSON.stringify(modelJson)),
        [`${MODEL_FOLDER}/weights.bin`]: new Uint8Array(weights),
      };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return zipSync(files, { level: 6 });
}
