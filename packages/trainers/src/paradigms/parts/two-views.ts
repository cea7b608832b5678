import { ConfigError } from '@contrastive/core';
import type { ParadigmPlan } from '../paradigm';

/** BYOL and SimSiam compare exactly two views. */
export function requireTwoViews(plan: ParadigmPlan, id: string): void {
  if (plan.views !== 2) {
    throw new ConfigError(`trainer '${id}' compares two views of each sample; pretrain.views must be 2, got ${plan.views}`, 'pretrain.views');
  }
}

/** Throws when a paradigm is used before `attach`. */
export function attached<T>(value: T | undefined, id: string): T {
  if (value === undefined) throw new Error(`trainer '${id}': attach(setup) must run before the first step`);
  return value;
}
