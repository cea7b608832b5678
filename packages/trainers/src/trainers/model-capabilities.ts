import { ConfigError } from '@contrastive/core';
import type { MomentumModel, NegativeStrategy } from '@contrastive/memory';
import type { TrainableModel } from './trainable-model';

/** A model MoCo can clone into its key encoder (`ContrastiveModel` of `@contrastive/encoders` is one). */
export function isMomentumModel(model: TrainableModel): model is TrainableModel & MomentumModel {
  return (
    'embed' in model && typeof model.embed === 'function' && 'clone' in model && typeof model.clone === 'function'
  );
}

/** A model that states the width of its pre-head features (what a classifier on them needs). */
export function hasFeatureDim(model: TrainableModel): model is TrainableModel & { readonly featureDim: number } {
  return 'featureDim' in model && Number.isInteger(model.featureDim) && Number(model.featureDim) > 0;
}

/**
 * Throws a `ConfigError` when `model` lacks something a trainer calls (JavaScript callers and
 * custom builders get no compile-time check), instead of a `TypeError` deep inside a step.
 */
export function checkTrainableModel(model: TrainableModel, who: string): void {
  const missing = [
    typeof model?.embedViews === 'function' ? undefined : 'embedViews(views, training)',
    typeof model?.features === 'function' ? undefined : 'features(x, training)',
    Array.isArray(model?.trainableWeights) ? undefined : 'trainableWeights',
    Array.isArray(model?.weights) ? undefined : 'weights',
  ].filter((name): name is string => name !== undefined);
  if (missing.length > 0) {
    throw new ConfigError(`${who}: the model lacks ${missing.join(', ')} (see TrainableModel)`, 'encoder');
  }
}

/**
 * The model as the strategy's `attach` context wants it: a {@link MomentumModel} when the strategy
 * needs one (a `ConfigError` naming what is missing when the model is not), otherwise whatever
 * momentum capabilities it happens to have.
 */
export function modelForStrategy(model: TrainableModel, strategy: NegativeStrategy): MomentumModel | undefined {
  if (isMomentumModel(model)) return model;
  if (strategy.needs.momentumModel) {
    throw new ConfigError(
      `strategy '${strategy.id}' needs a model with embed(x) and clone() (it clones the model into its key encoder); ` +
        'this model has not both: build it with @contrastive/encoders (ContrastiveModel) or add them',
      'strategy',
    );
  }
  return undefined;
}
