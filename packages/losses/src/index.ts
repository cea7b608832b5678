import './plugin-types';
export type { ContrastiveLoss, LossTarget, ReferenceLoss, ReferenceSet } from './types';
export {
  SupConLoss,
  supConOptionsSchema,
  supConLossOptionsSchema,
  supConPlugin,
  supConInPlugin,
  type SupConLossOptions,
} from './supcon/supcon-loss';
export { NTXentLoss, ntXentOptionsSchema, ntXentPlugin, type NTXentLossOptions, type NTXentPairsOptions } from './ntxent/ntxent-loss';
export {
  TripletMarginLoss,
  tripletOptionsSchema,
  tripletPlugin,
  type TripletMarginLossOptions,
  type TripletMining,
} from './triplet/triplet-loss';
export type { TripletDistance } from './triplet/pair-distances';
export { lossesModule } from './plugins';
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
export {
  FUSED_SUPCON_ROWS,
  fusedSupConRowsAvailable,
  type FusedSupConRowsAttrs,
  type FusedSupConRowsInputs,
} from './supcon/fused-rows-kernel';
export { SYMMETRIC_GRAM, SYMMETRIZED_MATMUL } from './supcon/shared-gemm-kernels';
