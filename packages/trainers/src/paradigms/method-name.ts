import type { ExperimentConfig } from '@contrastive/core';
import { paradigmPlugins } from './paradigm-plugins';

/**
 * How results name the configured method: a paradigm trainer by its id (it brings its own loss,
 * so `config.loss` says nothing), otherwise the loss and the negative strategy.
 */
export function methodName(config: Pick<ExperimentConfig, 'trainer' | 'loss' | 'strategy'>): string {
  if (paradigmPlugins.some((plugin) => plugin.id === config.trainer.id)) return config.trainer.id;
  return `${config.loss.id} (${config.strategy.id})`;
}
