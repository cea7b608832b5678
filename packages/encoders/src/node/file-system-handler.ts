import * as tf from '@tensorflow/tfjs-core';
import { promises as fs } from 'fs';
import * as path from 'path';

/** File names inside a saved-model directory. */
export const MODEL_JSON = 'model.json';
/** File name of a saved model's weights. */
export const WEIGHTS_BIN = 'weights.bin';

async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.tmp-${process.pid}-${Date.now()}`;
  await fs.writeFile(temp, data);
  await fs.rename(temp, file);
}

/**
 * A tfjs `IOHandler` over Node's `fs` (no tfjs-node needed): `save` writes `<dir>/model.json`
 * (tfjs' model JSON: topology, weights manifest, metadata) and `<dir>/weights.bin`, each through
 * a temporary file and a rename; `load` reads them back, following the `paths` of the weights
 * manifest. Works for any tfjs model artifacts, including `ContrastiveModel.save`'s.
 */
export function fileSystemHandler(directory: string): tf.io.IOHandler {
  if (typeof directory !== 'string' || directory.length === 0) {
    throw new Error(`fileSystemHandler: directory must be a non-empty path string, got ${JSON.stringify(directory)}`);
  }
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error('fileSystemHandler: binary (graph-model protobuf) topologies are not supported; expected JSON');
      }
      await fs.mkdir(directory, { recursive: true });
      const weights = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
        ...(artifacts.modelInitializer ? { modelInitializer: artifacts.modelInitializer } : {}),
      };
      // Weights first: model.json names them, so a reader never sees a model.json without its weights.
      await writeAtomic(path.join(directory, WEIGHTS_BIN), new Uint8Array(weights));
      await writeAtomic(path.join(directory, MODEL_JSON), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      const jsonPath = path.join(directory, MODEL_JSON);
      let text: string;
      try {
        text = await fs.readFile(jsonPath, 'utf8');
      } catch (error) {
        throw new Error(`fileSystemHandler: cannot read ${jsonPath}: ${(error as Error).message}`);
      }
      let modelJson: tf.io.ModelJSON;
      try {
        modelJson = JSON.parse(text) as tf.io.ModelJSON;
      } catch (error) {
        throw new Error(`fileSystemHandler: ${jsonPath} is not valid JSON: ${(error as Error).message}`);
      }
      if (modelJson === null || typeof modelJson !== 'object' || modelJson.modelTopology === undefined) {
        throw new Error(`fileSystemHandler: ${jsonPath} has no modelTopology`);
      }
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const relative of group.paths) {
            const file = path.resolve(directory, relative);
            let bytes: Buffer;
            try {
              bytes = await fs.readFile(file);
            } catch (error) {
              throw new Error(`fileSystemHandler: cannot read weights file ${file}: ${(error as Error).message}`);
            }
            buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
          }
        }
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}

const SCHEME = 'file://';
let routerRegistered = false;

/**
 * Lets `file://<dir>` URLs reach {@link fileSystemHandler} through `tf.io` (so
 * `model.save('file:///tmp/m')` and `ContrastiveModel.load('file:///tmp/m')` work). Idempotent.
 */
export function registerFileSystemRouter(): void {
  if (routerRegistered) return;
  routerRegistered = true;
  // tfjs routers return null for URLs they do not handle (its IORouter type omits the null).
  const router = ((url: string | string[]) =>
    typeof url === 'string' && url.startsWith(SCHEME) ? fileSystemHandler(url.slice(SCHEME.length)) : null) as unknown as Parameters<
    typeof tf.io.registerSaveRouter
  >[0];
  tf.io.registerSaveRouter(router);
  tf.io.registerLoadRouter(router);
}
