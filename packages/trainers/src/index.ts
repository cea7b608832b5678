/**
 * @contrastive/trainers: contrastive pre-training, linear probe and cross-entropy baseline,
 * optimizers (SGD, Adam, LARS), LR schedules, callbacks and checkpoint/resume.
 * Isomorphic; the directory checkpoint store is in `@contrastive/trainers/node`.
 * @packageDocumentation
 */
import './plugin-types';
export type { Optimizer, OptimizerState } from './optim/optimizer';
export { isBiasOrNorm } from './optim/optimizer';
export { SgdOptimizer, sgdOptionsSchema, sgdPlugin, type SgdOptions } from './optim/sgd';
export { AdamOptimizer, adamOptionsSchema, adamPlugin, type AdamOptions } from './optim/adam';
export { LarsOptimizer, larsOptionsSchema, larsPlugin, type LarsOptions } from './optim/lars';
export type { LearningRateSchedule, SchedulePosition } from './schedule/schedule';
export {
  WarmupCosineSchedule,
  warmupCosineOptionsSchema,
  warmupCosinePlugin,
  type WarmupCosineOptions,
} from './schedule/warmup-cosine';
export { StepDecaySchedule, stepDecayOptionsSchema, stepPlugin, type StepDecayOptions } from './schedule/step-decay';
export {
  ConstantSchedule,
  constantScheduleOptionsSchema,
  constantPlugin,
  type ConstantScheduleOptions,
} from './schedule/constant';
export type { TrainerCallback, StepInfo, EpochInfo, TrainingControl } from './callbacks/callback';
export { ProgressCallback, progressUpdate, type ProgressUpdate } from './callbacks/progress';
export { LoggingCallback, type LogRecord } from './callbacks/logging';
export { EarlyStopping } from './callbacks/early-stopping';
export type { Checkpoint, CheckpointOptions, CheckpointStore } from './checkpoint/checkpoint-store';
export { CheckpointError } from './checkpoint/checkpoint-error';
export { identityDifferences, type RunIdentity } from './checkpoint/run-identity';
export { MemoryCheckpointStore } from './checkpoint/checkpoint-store';
export { packBundle, unpackBundle, type TensorBundle, type StoredTensor } from './checkpoint/tensor-bundle';
export type { BatchSource } from './trainers/batch-source';
export { SplitBatchSource, type SplitBatchSourceOptions } from './trainers/split-batch-source';
export type { TrainableModel } from './trainers/trainable-model';
export type { TrainingHistory } from './trainers/training-state';
export { runTrainingLoop, defaultLossReadInterval, type TrainingLoopOptions } from './trainers/training-loop';
export type {
  Trainer,
  TrainingParts,
  TrainingBudget,
  TrainingRunOptions,
  TrainPlan,
} from './trainers/trainer';
export { ContrastiveTrainer, type ContrastiveTrainerOptions } from './trainers/contrastive-trainer';
export { CrossEntropyTrainer } from './trainers/cross-entropy-trainer';
export { isMomentumModel, hasFeatureDim, checkTrainableModel } from './trainers/model-capabilities';
export { embedTrainingSet } from './trainers/initial-entries';
export { SoftmaxClassifier, crossEntropy } from './trainers/softmax-classifier';
export {
  LinearProbeEvaluator,
  LinearProbeTrainer,
  type LinearProbeResult,
} from './evaluation/linear-probe-evaluator';
export { extractFeatures, type ExtractedFeatures } from './evaluation/feature-extraction';
export {
  evaluateEncoder,
  EvaluationStopped,
  type EncoderScores,
  type EncoderEvaluation,
  type EvaluationSettings,
} from './evaluation/evaluate-encoder';
export { projectSubset } from './evaluation/project-subset';
export { trainerPlugins, trainersModule } from './plugins';
export { Experiment, type StageOptions } from './experiment/experiment';
export type { ExperimentModel, ModelBuilder } from './experiment/experiment-model';
export {
  ExperimentInterrupted,
  type ExperimentCallbacks,
  type ExperimentResult,
  type ExperimentRunOptions,
  type ExperimentStage,
  type TrainingStage,
  type EncoderRole,
  type StageProgress,
} from './experiment/experiment-run';
export { defaultModelBuilder } from './experiment/default-model-builder';
export { checkExperiment, experimentIdentity, withCurrentPluginIds } from './experiment/check-experiment';
export type { Paradigm, ParadigmPlan, ParadigmSetup, ParadigmState, ParadigmStep } from './paradigms/paradigm';
export { ParadigmTrainer } from './paradigms/paradigm-trainer';
export { defineParadigm } from './paradigms/define-paradigm';
export { paradigmPlugins } from './paradigms/paradigm-plugins';
export { methodName } from './paradigms/method-name';
export { Byol, byolOptionsSchema, byolPlugin } from './paradigms/byol';
export { SimSiam, simSiamOptionsSchema, simSiamPlugin } from './paradigms/simsiam';
export { Dino, dinoParadigmOptionsSchema, dinoPlugin } from './paradigms/dino';
export {
  ProxyParadigm,
  proxyAnchorParadigmOptionsSchema,
  arcFaceParadigmOptionsSchema,
  proxyAnchorPlugin,
  arcFacePlugin,
} from './paradigms/proxy';
export { EmaTarget, emaTargetOptionsSchema } from './paradigms/parts/ema-target';
export { Predictor, predictorRefSchema } from './paradigms/parts/predictor';
