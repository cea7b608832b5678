/**
 * @contrastive/trainers: contrastive pre-training, linear probe and cross-entropy baseline,
 * optimizers (SGD, Adam, LARS), LR schedules, callbacks and checkpoint/resume.
 * Isomorphic; the directory checkpoint store is in `@contrastive/trainers/node`.
 * @packageDocumentation
 */
import './plugin-types';
export type { Optimizer, OptimizerState } from './optim/optimizer';
export { isBiasOrNorm } from './optim/optimizer';
export { SgdOptimizer, type SgdOptions } from './optim/sgd';
export { AdamOptimizer, type AdamOptions } from './optim/adam';
export { LarsOptimizer, type LarsOptions } from './optim/lars';
export type { LearningRateSchedule, SchedulePosition } from './schedule/schedule';
export { WarmupCosineSchedule, type WarmupCosineOptions } from './schedule/warmup-cosine';
export { StepDecaySchedule, type StepDecayOptions } from './schedule/step-decay';
export { ConstantSchedule } from './schedule/constant';
export type { TrainerCallback, StepInfo, EpochInfo, TrainingControl } from './callbacks/callback';
export { ProgressCallback, type ProgressUpdate } from './callbacks/progress';
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
export {
  ContrastiveTrainer,
  type ContrastiveTrainerParts,
  type ContrastiveFitOptions,
} from './trainers/contrastive-trainer';
export { CrossEntropyTrainer, type CrossEntropyTrainerParts } from './trainers/cross-entropy-trainer';
export { LinearProbeTrainer, type LinearProbeResult } from './trainers/linear-probe-trainer';
export { extractFeatures, type ExtractedFeatures } from './trainers/feature-extraction';
export { embedTrainingSet } from './trainers/initial-entries';
export { SoftmaxClassifier, crossEntropy } from './trainers/softmax-classifier';
export type { Trainer, TrainContext, TrainPlan } from './trainers/trainer';
export { trainerPlugins, trainersModule } from './plugins';
export {
  Experiment,
  type ExperimentModel,
  type ModelBuilder,
  type StageOptions,
} from './experiment/experiment';
export { defaultModelBuilder } from './experiment/default-model-builder';
export { checkExperiment, experimentIdentity } from './experiment/check-experiment';
