/**
 * `@contrastive/cli`: the `contrastive` command line (see the README), and the pieces it is
 * built from for programs that want to run the same experiment or embed the program.
 */
export { createProgram } from './program';
export { CliError, EXIT } from './cli-error';
export { DEFAULT_CONFIG } from './experiment/default-config';
export { createDefaultRegistry } from './experiment/create-registry';
export {
  runExperiment,
  ExperimentInterrupted,
  type ExperimentResult,
  type ExperimentRunOptions,
  type ExperimentStage,
} from './experiment/run-experiment';
export {
  evaluateEncoder,
  EvaluationStopped,
  type EncoderScores,
  type EncoderEvaluation,
  type EvaluationSettings,
} from './experiment/evaluate-encoder';
export { loadConfig, type ConfigOverrides } from './commands/load-config';
export { ConsoleReporter, type OutputMode } from './output/console-reporter';
export { formatScoreTable } from './output/score-table';
export { encodeNpy } from './output/npy';
export { writeExperimentReport } from './report/experiment-report';
