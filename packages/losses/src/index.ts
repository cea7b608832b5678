import './plugin-types';
export type { ContrastiveLoss, LossTarget, ReferenceLoss, ReferenceSet } from './types';
export { SupConLoss, type SupConLossOptions } from './supcon/supcon-loss';
export { NTXentLoss, type NTXentLossOptions, type NTXentPairsOptions } from './ntxent/ntxent-loss';
export { TripletMarginLoss, type TripletMarginLossOptions, type TripletMining } from './triplet/triplet-loss';
export type { TripletDistance } from './triplet/pair-distances';
export {
  lossesModule,
  supConPlugin,
  supConInPlugin,
  ntXentPlugin,
  tripletPlugin,
  supConOptionsSchema,
  ntXentOptionsSchema,
  tripletOptionsSchema,
} from './plugins';
export { BarlowTwinsLoss, barlowTwinsOptionsSchema, barlowTwinsPlugin, type BarlowTwinsLossOptions } from './barlow-twins/barlow-twins-loss';
export { VICRegLoss, vicRegOptionsSchema, vicRegPlugin, type VICRegLossOptions } from './vicreg/vicreg-loss';
export {
  NegativeCosineLoss,
  negativeCosineOptionsSchema,
  type NegativeCosineLossOptions,
  type NegativeCosineTarget,
} from './negative-cosine/negative-cosine-loss';
export { DCLLoss, dclOptionsSchema, dclPlugin, type DCLLossOptions } from './dcl/dcl-loss';
export { DCLWLoss, dclwOptionsSchema, dclwPlugin, type DCLWLossOptions } from './dcl/dclw-loss';
export { DINOLoss, dinoOptionsSchema, type DINOLossOptions, type DINOTarget } from './dino/dino-loss';
export {
  ContrastivePairLoss,
  contrastivePairOptionsSchema,
  contrastivePairPlugin,
  type ContrastivePairLossOptions,
} from './pair/contrastive-pair-loss';
export {
  MultiSimilarityLoss,
  multiSimilarityOptionsSchema,
  multiSimilarityPlugin,
  type MultiSimilarityLossOptions,
} from './multi-similarity/multi-similarity-loss';
export {
  MultiSimilarityMiner,
  multiSimilarityMinerOptionsSchema,
  type MultiSimilarityMinerOptions,
  type MinedPairs,
} from './multi-similarity/multi-similarity-miner';
export { ProxyAnchorLoss, proxyAnchorOptionsSchema, type ProxyAnchorLossOptions } from './proxy/proxy-anchor-loss';
export { ArcFaceLoss, arcFaceOptionsSchema, type ArcFaceLossOptions } from './proxy/arcface-loss';
export type { TensorInit } from './internal/options';
export { withoutGradient } from './internal/without-gradient';
