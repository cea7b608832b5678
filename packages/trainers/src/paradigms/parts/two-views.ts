import { ConfigError } from '@contrastive/core';
import type { ParadigmPlan } from '../paradigm';

/** BYOL and SimSiam compare exactly two views. */
export function requireTwoViews(plan: ParadigmPlan, id: string): void {
  if (plan.views !== 2) {
    throw new ConfigError(`trainer '${id}' compares two views of each sample; pretrain.views must be 2, got ${plan.views}`, 'pretrain.views');
  }
}
