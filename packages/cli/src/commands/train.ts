import { promises as fs } from 'fs';
import * as path from 'path';
import { describeBackend, nativeKernelsHint, useBackend } from '@contrastive/backend';
import type { LabeledDataset } from '@contrastive/datasets';
import { CliError, EXIT } from '../cli-error';
import { defaultModelBuilder } from '@contrastive/trainers';
import { createDefaultRegistry } from '../experiment/create-registry';
import { runExperiment, type ExperimentResult } from '../experiment/run-experiment';
import { formatScoreTable } from '../output/score-table';
import type { ConsoleReporter } from '../output/console-reporter';
import { writeExperimentReport } from '../report/experiment-report';
import { loadConfig, oneLine, type ConfigOverrides } from './load-config';

export interface TrainCommandOptions extends ConfigOverrides {
  config?: string;
  resume?: boolean;
  report?: boolean;
}

/** `contrastive train`: the two-stage experiment, its score table and its HTML report. */
export async function trainCommand(options: TrainCommandOptions, reporter: ConsoleReporter): Promise<number> {
  const config = await loadConfig(options.config, options);
  await useBackend(config.backend, { log: (line: string) => reporter.info(line) });
  const backend = describeBackend();
  const hint = nativeKernelsHint();
  if (hint) reporter.info(hint);
  const registry = createDefaultRegistry();
  let dataset: LabeledDataset;
  try {
    dataset = await registry.create<Promise<LabeledDataset> | LabeledDataset>('dataset', config.dataset);
  } catch (error) {
    throw new CliError(
      `cannot load dataset '${config.dataset.id}': ${oneLine((error as Error).message)}`,
      EXIT.data,
    );
  }
  reporter.info(
    `dataset ${dataset.name}: ${dataset.train.size} train / ${dataset.test.size} test, ${dataset.classNames.length} classes`,
  );

  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(EXIT.interrupted);
    interrupted = true;
    reporter.info(
      'interrupt: finishing the current step and saving a checkpoint (Ctrl-C again to quit at once)',
    );
  };
  process.on('SIGINT', onSigint);
  let result: ExperimentResult;
  try {
    result = await runExperiment(config, registry, dataset, backend, {
      reporter,
      buildModel: defaultModelBuilder,
      interrupted: () => interrupted,
      resume: options.resume,
    });
  } finally {
    process.off('SIGINT', onSigint);
  }

  await fs.mkdir(config.output.dir, { recursive: true });
  const resultsFile = path.join(config.output.dir, 'results.json');
  await fs.writeFile(resultsFile, JSON.stringify(result, null, 2));
  if (result.interrupted && result.scores.length === 0) {
    reporter.result(
      `interrupted: checkpoint saved in ${path.join(config.output.dir, 'checkpoints')} (resume with --resume)`,
      {
        interrupted: true,
        checkpoint: path.join(config.output.dir, 'checkpoints'),
      },
    );
    return EXIT.interrupted;
  }
  reporter.result(formatScoreTable(result.scores, backend), {
    backend,
    scores: result.scores,
    timings: result.timings,
  });
  if (options.report !== false) {
    const written = await writeExperimentReport(result, config.output.dir);
    for (const warning of written.warnings) reporter.info(`report: ${warning}`);
    reporter.result(`report written to ${path.resolve(written.html)}`, {
      report: path.resolve(written.html),
    });
  }
  return result.interrupted ? EXIT.interrupted : EXIT.ok;
}
