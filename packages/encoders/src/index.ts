import './plugin-types';
export { L2Normalize, l2Normalize, type L2NormalizeArgs } from './layers/l2-normalize';
export { Standardize, standardize, type StandardizeArgs } from './layers/standardize';
export { createMlpEncoder, mlpEncoderPlugin, mlpEncoderSchema, type MlpEncoderOptions } from './encoders/mlp-encoder';
export {
  createSmallCnn,
  smallCnnPlugin,
  smallCnnSchema,
  SMALL_CNN_CHANNELS,
  SMALL_CNN_FEATURES,
  type SmallCnnOptions,
  createSeedCnn,
  seedCnnPlugin,
  SEED_CNN_CHANNELS,
  SEED_CNN_FEATURES,
  type SeedCnnOptions,
} from './encoders/small-cnn';
export {
  createResNet,
  resnetFeatureDim,
  resnetPlugin,
  resnetSchema,
  RESNET_DEPTHS,
  type ResNetDepth,
  type ResNetOptions,
} from './encoders/resnet';
export { createLinearHead, linearHeadPlugin, linearHeadSchema, type LinearHeadOptions } from './heads/linear-head';
export { createMlpHead, mlpHeadPlugin, mlpHeadSchema, type MlpHeadOptions } from './heads/mlp-head';
export { ContrastiveModel, type StatisticsPolicy, type WeightSource } from './model/contrastive-model';
export { buildContrastiveModel, type BuildModelOptions } from './model/build';
export type { ModelManifest, PartRef } from './model/manifest';
export { CONTRASTIVE_FORMAT, type ContrastiveTopology } from './model/artifacts';
// Re-exported for existing users; their home is @contrastive/core.
export { readWeight, writeWeight, copyWeights, type WeightLike } from '@contrastive/core';
export { ACTIVATIONS, type Activation } from './util/activations';
export { INIT_SCHEMES, type InitScheme } from './util/seeded-initializers';
export { encodersModule } from './plugins';
/** @deprecated renamed `smallCnnSchema`. */
export { smallCnnSchema as seedCnnSchema } from './encoders/small-cnn';
