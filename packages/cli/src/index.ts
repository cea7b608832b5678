/**
 * `@contrastive/cli`: the `contrastive` command line (see the README), and the pieces it is
 * built from for programs that want to run the same experiment or embed the program.
 */
export { createProgram } from './program';
export { CliError, EXIT } from './cli-error';
export { DEFAULT_CONFIG } from './experiment/default-config';
export { createDefaultRegistry } from './experiment/create-registry';
export {
  // The recipe lives in @contrastive/trainers (Experiment.run); re-exported for existing imports.
  ExperimentInterrupted,
  evaluateEncoder,
  EvaluationStopped,
  type ExperimentResult,
  type ExperimentRunOptions,
  type ExperimentStage,
  type EncoderScores,
  type EncoderEvaluation,
  type EvaluationSettings,
} from '@contrastive/trainers';
export { consoleProgress, type CheckpointLocations } from './experiment/console-progress';
export { loadConfig, type ConfigOverrides } from './commands/load-config';
export { ConsoleReporter, type OutputMode } from './output/console-reporter';
export { formatScoreTable } from './output/score-table';
export { encodeNpy } from './output/npy';
export { writeExperimentReport } from './report/experiment-report';
export {
  serveStaticFolder,
  ISOLATION_HEADERS,
  CONTENT_SECURITY_POLICY,
  type StaticFolderServer,
  type StaticFolderServerOptions,
} from './serve/static-folder-server';
