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
