import type { ExperimentConfig, PluginRegistry } from '@contrastive/core';
import type { TrainableModel } from '../trainers/trainable-model';

/** A model the experiment can train, probe and free. */
export interface ExperimentModel extends TrainableModel {
  /** Width of the encoder's (pre-head) features: the cross-entropy baseline's classifier input. */
  readonly featureDim: number;
  /** Frees the model's weights. */
  dispose(): void;
}

/** Builds the config's encoder + head; `seed` fixes the initialisation. */
export type ModelBuilder = (
  config: ExperimentConfig,
  registry: PluginRegistry,
  inputShape: number[],
  seed: number,
) => ExperimentModel;
