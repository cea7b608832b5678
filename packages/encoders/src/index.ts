import './plugin-types';
export { L2Normalize, l2Normalize, type L2NormalizeArgs } from './layers/l2-normalize';
export { Standardize, standardize, type StandardizeArgs } from './layers/standardize';
export { createMlpEncoder, type MlpEncoderOptions } from './encoders/mlp-encoder';
export { createSeedCnn, SEED_CNN_CHANNELS, SEED_CNN_FEATURES, type SeedCnnOptions } from './encoders/seed-cnn';
export { createResNet, resnetFeatureDim, RESNET_DEPTHS, type ResNetDepth, type ResNetOptions } from './encoders/resnet';
export { createLinearHead, type LinearHeadOptions } from './heads/linear-head';
export { createMlpHead, type MlpHeadOptions } from './heads/mlp-head';
export { ContrastiveModel, type StatisticsPolicy, type WeightSource } from './model/contrastive-model';
export { buildContrastiveModel, type BuildModelOptions } from './model/build';
export type { ModelManifest, PartRef } from './model/manifest';
export { CONTRASTIVE_FORMAT, type ContrastiveTopology } from './model/artifacts';
export { readWeight, writeWeight, copyWeights, type WeightLike } from './model/weights';
export { ACTIVATIONS, type Activation } from './util/activations';
export { INIT_SCHEMES, type InitScheme } from './util/seeded-initializers';
export {
  encodersModule,
  mlpEncoderPlugin,
  seedCnnPlugin,
  resnetPlugin,
  linearHeadPlugin,
  mlpHeadPlugin,
  mlpEncoderSchema,
  seedCnnSchema,
  resnetSchema,
  linearHeadSchema,
  mlpHeadSchema,
} from './plugins';
