export type { ContrastiveLoss, LossTarget, ReferenceLoss, ReferenceSet } from './types';
