import type * as tf from '@tensorflow/tfjs-core';
import { ContrastiveModel } from '../model/contrastive-model';
import { fileSystemHandler } from './file-system-handler';

export { fileSystemHandler, registerFileSystemRouter, MODEL_JSON, WEIGHTS_BIN } from './file-system-handler';

/** Saves `model` (encoder, head, manifest) to `directory` as `model.json` + `weights.bin`. */
export function saveModelToDirectory(model: ContrastiveModel, directory: string): Promise<tf.io.SaveResult> {
  return model.save(fileSystemHandler(directory));
}

/** Loads a `ContrastiveModel` saved with {@link saveModelToDirectory} (or `save(fileSystemHandler(dir))`). */
export function loadModelFromDirectory(directory: string): Promise<ContrastiveModel> {
  return ContrastiveModel.load(fileSystemHandler(directory));
}
