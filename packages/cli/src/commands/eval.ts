import { useBackend, type BackendRequest, type ThreadsRequest } from '@contrastive/backend';
import { experimentConfigSchema } from '@contrastive/core';
import { evaluateEncoder } from '@contrastive/trainers';
import { EXIT } from '../cli-error';
import { createDefaultRegistry } from '../experiment/create-registry';
import { loadModelDirectory } from '../output/save-model';
import type { ConsoleReporter } from '../output/console-reporter';
import { formatScoreTable } from '../output/score-table';
import { loadDataset } from './load-dataset';

export interface EvalCommandOptions {
  model: string;
  dataset: string;
  datasetOptions?: string;
  backend: BackendRequest;
  /** wasm and native-kernel threads (`useBackend`'s rule: default CONTRASTIVE_THREADS, else auto). */
  threads?: ThreadsRequest;
}

/** `contrastive eval`: the test-split scores of a saved model's frozen encoder. */
export async function evalCommand(options: EvalCommandOptions, reporter: ConsoleReporter): Promise<number> {
  const backend = await useBackend(options.backend, {
    threads: options.threads,
    log: (line: string) => reporter.info(line),
  });
  const registry = createDefaultRegistry();
  const dataset = await loadDataset(registry, options.dataset, options.datasetOptions);
  const model = await loadModelDirectory(options.model, dataset.train.exampleShape);
  try {
    // The same probe budget a training run uses by default.
    const probe = experimentConfigSchema.shape.probe.parse(undefined);
    const { scores } = await evaluateEncoder(options.model, model, dataset, { probe, seed: 0 });
    reporter.result(formatScoreTable([scores], backend), { backend, scores: [scores] });
    return EXIT.ok;
  } finally {
    model.dispose();
  }
}
