import type { ExperimentCallbacks, TrainingStage } from '@contrastive/trainers';
import type { ConsoleReporter } from '../output/console-reporter';

/** The progress bar's (and `--json` stage event's) name of each training stage. */
const STAGE_LABELS: Record<TrainingStage, string> = {
  'pre-training': 'pretraining',
  'cross-entropy baseline': 'cross-entropy',
};

/** Where each training stage checkpoints, for the messages. */
export interface CheckpointLocations {
  /** Checkpoint folder of pre-training. */
  pretraining: string;
  /** Checkpoint folder of the cross-entropy baseline. */
  crossEntropy: string;
}

/**
 * `Experiment.run`'s progress as the CLI shows it: a bar (or `--json` step events) per training
 * stage, a line when an encoder's evaluation starts, and what `--resume` found.
 */
export function consoleProgress(
  reporter: ConsoleReporter,
  checkpoints: CheckpointLocations,
  resume: boolean,
): ExperimentCallbacks {
  return {
    onTrainingStart: (stage, { totalSteps, startStep }) => {
      if (stage === 'pre-training') {
        if (startStep > 0) {
          reporter.info(`resuming from step ${startStep} of ${totalSteps} (${checkpoints.pretraining})`, {
            resumedFrom: startStep,
            totalSteps,
          });
        } else if (resume) {
          reporter.warn(
            `--resume: no checkpoint in ${checkpoints.pretraining}, starting from step 0 of ${totalSteps}`,
          );
        }
      } else if (startStep > 0) {
        reporter.info(
          `resuming the cross-entropy baseline from step ${startStep} of ${totalSteps} (${checkpoints.crossEntropy})`,
          { stage: STAGE_LABELS[stage], resumedFrom: startStep, totalSteps },
        );
      }
      reporter.startStage(STAGE_LABELS[stage], totalSteps);
    },
    onStep: (_stage, update) => reporter.progress(update),
    onTrainingEnd: () => reporter.stopStage(),
    onEvaluationStart: (encoder) => {
      if (encoder === 'contrastive') reporter.info('evaluating the contrastive encoder');
      if (encoder === 'random') reporter.info('evaluating a random encoder of the same architecture');
    },
  };
}
