import type { PluginRegistry } from '@contrastive/core';
import type { LabeledDataset } from '@contrastive/datasets';
import { CliError, EXIT } from '../cli-error';
import { oneLine } from './load-config';

/** Builds a dataset plugin from CLI flags, mapping every failure to a one-line data error. */
export async function loadDataset(
  registry: PluginRegistry,
  id: string,
  optionsJson = '{}',
): Promise<LabeledDataset> {
  let options: Record<string, unknown>;
  try {
    options = JSON.parse(optionsJson);
  } catch (error) {
    throw new CliError(`--dataset-options is not valid JSON: ${(error as Error).message}`, EXIT.usage);
  }
  try {
    return await registry.create<Promise<LabeledDataset> | LabeledDataset>(
      'dataset',
      { id, options },
      'dataset',
    );
  } catch (error) {
    throw new CliError(`cannot load dataset '${id}': ${oneLine((error as Error).message)}`, EXIT.data);
  }
}
