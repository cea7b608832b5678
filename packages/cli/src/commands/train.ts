import * as path from 'path';
import { describeBackend, nativeKernelsHint, useBackend } from '@contrastive/backend';
import { defaultModelBuilder, Experiment } from '@contrastive/trainers';
import { FileCheckpointStore } from '@contrastive/trainers/node';
import { EXIT } from '../cli-error';
import { createDefaultRegistry } from '../experiment/create-registry';
import { ExperimentInterrupted, runExperiment } from '../experiment/run-experiment';
import { formatScoreTable } from '../output/score-table';
import type { ConsoleReporter } from '../output/console-reporter';
import { RunDirectory } from '../output/run-directory';
import { exitCodeOf, InterruptSignals } from '../process/interrupt-signals';
import { writeExperimentReport } from '../report/experiment-report';
import { loadConfig, type ConfigOverrides } from './load-config';
import { loadDataset } from './load-dataset';

export interface TrainCommandOptions extends ConfigOverrides {
  config?: string;
  resume?: boolean;
  force?: boolean;
  report?: boolean;
}

/**
 * `contrastive train`: the two-stage experiment, its score table and its HTML report.
 * Everything that can fail early does, in this order and before anything is written: flags and
 * config (exit 2/3), the output folder's overwrite rule (2), the data (4), the experiment's
 * compatibility checks (3). SIGINT/SIGTERM stop any stage (130/143) after saving what resumes.
 */
export async function trainCommand(options: TrainCommandOptions, reporter: ConsoleReporter): Promise<number> {
  const config = await loadConfig(options.config, options);
  const runDirectory = new RunDirectory(config.output.dir);
  const rules = { force: options.force, resume: options.resume };
  await runDirectory.checkWritable(config, rules);
  await useBackend(config.backend, { log: (line: string) => reporter.info(line) });
  const backend = describeBackend();
  const hint = nativeKernelsHint();
  if (hint) reporter.info(hint);
  const registry = createDefaultRegistry();
  const dataset = await loadDataset(registry, config.dataset.id, config.dataset.options ?? {});
  reporter.info(
    `dataset ${dataset.name}: ${dataset.train.size} train / ${dataset.test.size} test, ${dataset.classNames.length} classes`,
  );
  const experiment = new Experiment(config, registry, dataset, defaultModelBuilder);
  await runDirectory.prepare(config, rules);

  const signals = new InterruptSignals((signal) =>
    reporter.info(
      `${signal}: stopping after the current step and saving what can be resumed (send it again to quit at once)`,
    ),
  ).install();
  const store = new FileCheckpointStore(runDirectory.checkpoints, {
    onDamaged: (location, reason) => reporter.warn(`skipping damaged checkpoint ${location}: ${reason}`),
  });
  try {
    const result = await runExperiment(experiment, backend, {
      reporter,
      checkpoints: { store, location: runDirectory.checkpoints },
      resume: options.resume,
      stopRequested: () => signals.stopRequested(),
      publish: (model, result) => runDirectory.publish(model, result),
    });
    reporter.result(formatScoreTable(result.scores, backend), {
      backend,
      scores: result.scores,
      timings: result.timings,
    });
    reporter.info(`model written to ${runDirectory.modelDir}, results to ${runDirectory.resultsFile}`);
    if (await signals.stopRequested()) {
      // Everything that matters is saved; only the report (rebuildable from results.json) is left.
      reporter.result(
        `interrupted by ${signals.signal} after the results were saved; the report was skipped (contrastive report --run ${config.output.dir})`,
        { interrupted: true, signal: signals.signal, stage: 'report' },
      );
      return exitCodeOf(signals.signal!);
    }
    if (options.report !== false) {
      const written = await writeExperimentReport(result, config.output.dir);
      for (const warning of written.warnings) reporter.info(`report: ${warning}`);
      reporter.result(`report written to ${path.resolve(written.html)}`, {
        report: path.resolve(written.html),
      });
    }
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ExperimentInterrupted) || !signals.signal) throw error;
    const { completedSteps, totalSteps } = error.pretraining;
    const saved =
      error.stage === 'pre-training'
        ? `checkpoint at step ${completedSteps} of ${totalSteps} saved in ${runDirectory.checkpoints}`
        : `pre-training is complete (checkpoint at step ${completedSteps} of ${totalSteps} in ${runDirectory.checkpoints}); ` +
          '--resume re-runs the stages after it';
    reporter.result(
      `interrupted by ${signals.signal} during ${error.stage}: ${saved}; model/ and results.json were left as they were (continue with --resume)`,
      {
        interrupted: true,
        signal: signals.signal,
        stage: error.stage,
        checkpoint: runDirectory.checkpoints,
        step: completedSteps,
        totalSteps,
      },
    );
    return exitCodeOf(signals.signal);
  } finally {
    signals.dispose();
  }
}
