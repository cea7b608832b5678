import { promises as fs } from 'fs';
import * as path from 'path';
import type { ContrastiveModel } from '@contrastive/encoders';
import { loadModelFromDirectory, saveModelToDirectory } from '@contrastive/encoders/node';
import { CliError, EXIT } from '../cli-error';
import { oneLine } from '../commands/load-config';

/** Saves encoder + head (model.json, weights.bin, manifest) and returns the directory. */
export async function saveModelDirectory(model: unknown, directory: string): Promise<string> {
  await fs.mkdir(directory, { recursive: true });
  await saveModelToDirectory(model as ContrastiveModel, directory);
  return directory;
}

/** Loads a model written by `train`, checking it accepts the dataset's examples. */
export async function loadModelDirectory(
  directory: string,
  exampleShape: number[],
): Promise<ContrastiveModel> {
  try {
    await fs.access(path.join(directory, 'model.json'));
  } catch {
    throw new CliError(
      `no model at ${directory}: model.json not found (train writes it to <out>/model)`,
      EXIT.data,
    );
  }
  let model: ContrastiveModel;
  try {
    model = await loadModelFromDirectory(directory);
  } catch (error) {
    // A truncated weights.bin or an edited model.json: a data error naming the files, not a crash.
    throw new CliError(
      `model ${directory} (model.json + weights.bin) cannot be loaded: ${oneLine((error as Error).message)}`,
      EXIT.data,
    );
  }
  if (model.inputShape.join(',') !== exampleShape.join(',')) {
    model.dispose();
    throw new CliError(
      `model ${directory} takes inputs of shape [${model.inputShape}] but the dataset's examples are [${exampleShape}]`,
      EXIT.data,
    );
  }
  return model;
}
