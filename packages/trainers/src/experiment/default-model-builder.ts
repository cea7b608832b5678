import { buildContrastiveModel } from '@contrastive/encoders';
import type { ModelBuilder } from './experiment-model';

/** Builds the config's encoder + head from the registry (`@contrastive/encoders`' ContrastiveModel). */
export const defaultModelBuilder: ModelBuilder = (config, registry, inputShape, seed) =>
  buildContrastiveModel(registry, { encoder: config.encoder, head: config.head, inputShape, seed });
