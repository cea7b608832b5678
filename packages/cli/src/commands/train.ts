import * as path from 'path';
import { describeBackend, nativeKernelsHint, useBackend, type ThreadsRequest } from '@contrastive/backend';
import { Experiment, ExperimentInterrupted } from '@contrastive/trainers';
import { FileCheckpointStore } from '@contrastive/trainers/node';
import { EXIT } from '../cli-error';
import { consoleProgress } from '../experiment/console-progress';
import { createDefaultRegistry } from '../experiment/create-registry';
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
  /** wasm and native-kernel threads (`useBackend`'s rule: default CONTRASTIVE_THREADS, else auto). */
  threads?: ThreadsRequest;
}

/**
 * `contrastive train`: the two-stage experiment, its score table and its HTML report.
 * Everything that can fail early does, in this order and before anything is written: flags and
 * config (exit 2/3), the output folder's overwrite rule (2), the data (4), the experiment's
 * compatibility checks (3). SIGINT/SIGTERM stop any stage (130/143) after saving what resumes.
 */
export async function trainCommand(options: TrainCommandOptions, reporter: ConsoleReporter): Promise<number> {
  if (options.maxSteps !== undefined) {
    reporter.warn(
      options.maxStepsPerEpoch === undefined
        ? '--max-steps is deprecated (it caps steps per epoch): use --max-steps-per-epoch'
        : '--max-steps is deprecated and ignored here: --max-steps-per-epoch is given',
    );
  }
  const config = await loadConfig(options.config, options);
  const runDirectory = new RunDirectory(config.output.dir);
  const rules = { force: options.force, resume: options.resume };
  await runDirectory.checkWritable(config, rules);
  await useBackend(config.backend, { threads: options.threads, log: (line: string) => reporter.info(line) });
  const backend = describeBackend();
  const hint = nativeKernelsHint();
  if (hint) reporter.info(hint);
  const registry = createDefaultRegistry();
  const dataset = await loadDataset(registry, config.dataset.id, config.dataset.options ?? {});
  reporter.info(
    `dataset ${dataset.name}: ${dataset.train.size} train / ${dataset.test.size} test, ${dataset.classNames.length} classes`,
  );
  const experiment = new Experiment(config, registry, dataset);
  await runDirectory.prepare(config, rules);

  const signals = new InterruptSignals((signal) =>
    reporter.info(
      `${signal}: stopping after the current step and saving what can be resumed (send it again to quit at once)`,
    ),
  ).install();
  const onDamaged = (location: string, reason: string) =>
    reporter.warn(`skipping damaged checkpoint ${location}: ${reason}`);
  const locations = { pretraining: runDirectory.checkpoints, crossEntropy: runDirectory.crossEntropyCheckpoints };
  try {
    const result = await experiment.run({
      backend,
      callbacks: {
        ...consoleProgress(reporter, locations, Boolean(options.resume)),
        onComplete: (result, model) => runDirectory.publish(model, result),
      },
      checkpoints: {
        pretraining: new FileCheckpointStore(locations.pretraining, { onDamaged }),
        crossEntropy: new FileCheckpointStore(locations.crossEntropy, { onDamaged }),
      },
      resume: options.resume,
      stopRequested: () => signals.stopRequested(),
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
    reporter.result(
      `interrupted by ${signals.signal} during ${error.stage}: ${whatIsSaved(error, locations)}; model/ and results.json were left as they were (continue with --resume)`,
      {
        interrupted: true,
        signal: signals.signal,
        stage: error.stage,
        checkpoint: runDirectory.checkpoints,
        step: completedSteps,
        totalSteps,
        ...(error.stage === 'cross-entropy baseline' && error.crossEntropy
          ? {
              crossEntropy: {
                checkpoint: locations.crossEntropy,
                step: error.crossEntropy.completedSteps,
                totalSteps: error.crossEntropy.totalSteps,
              },
            }
          : {}),
      },
    );
    return exitCodeOf(signals.signal);
  } finally {
    signals.dispose();
  }
}

/** What `--resume` will continue from after an interruption, and what it will run again. */
function whatIsSaved(error: ExperimentInterrupted, locations: { pretraining: string; crossEntropy: string }): string {
  const { completedSteps, totalSteps } = error.pretraining;
  if (error.stage === 'pre-training') {
    return `checkpoint at step ${completedSteps} of ${totalSteps} saved in ${locations.pretraining}`;
  }
  const pretrained = `pre-training is complete (checkpoint at step ${completedSteps} of ${totalSteps} in ${locations.pretraining})`;
  if (error.stage === 'cross-entropy baseline' && error.crossEntropy) {
    const { completedSteps: done, totalSteps: total } = error.crossEntropy;
    return (
      `${pretrained}, the cross-entropy baseline's checkpoint at step ${done} of ${total} is in ${locations.crossEntropy}; ` +
      '--resume continues it (the evaluations restart: they keep no state)'
    );
  }
  return `${pretrained}; --resume re-runs the stages after it (evaluation restarts from the start)`;
}
