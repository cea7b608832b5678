import type { PluginRegistry } from '@contrastive/core';
import type { LabeledDataset } from '@contrastive/datasets';
import { CliError, EXIT } from '../cli-error';
import { oneLine } from './load-config';

/**
 * Builds a dataset plugin from a config or CLI flags (options as an object or `--dataset-options`
 * JSON), mapping every failure to a one-line data error (exit 4).
 */
export async function loadDataset(
  registry: PluginRegistry,
  id: string,
  optionsOrJson: string | Record<string, unknown> = '{}',
): Promise<LabeledDataset> {
  let options: Record<string, unknown>;
  try {
    options = typeof optionsOrJson === 'string' ? JSON.parse(optionsOrJson) : optionsOrJson;
  } catch (error) {
    throw new CliError(`--dataset-options is not valid JSON: ${(error as Error).message}`, EXIT.usage);
  }
  try {
    return await registry.create(
      'dataset',
      { id, options },
      'dataset',
    );
  } catch (error) {
    throw new CliError(`cannot load dataset '${id}': ${oneLine((error as Error).message)}`, EXIT.data);
  }
}
