import type * as tf from '@tensorflow/tfjs-core';
import { z, type PluginResolver } from '@contrastive/core';
import { NegativeCosineLoss } from '@contrastive/losses';
import { bundleToWeights, weightsToBundle } from '../trainers/model-weights';
import type { TrainableModel } from '../trainers/trainable-model';
import { defineParadigm } from './define-paradigm';
import type { Paradigm, ParadigmPlan, ParadigmSetup, ParadigmState, ParadigmStep } from './paradigm';
import { EmaTarget, emaTargetOptionsSchema } from './parts/ema-target';
import { Predictor, predictorRefSchema } from './parts/predictor';
import { attached } from './parts/attached';
import { requireTwoViews } from './parts/two-views';
import { embedViewGroups } from './view-embedding';

export const byolOptionsSchema = z
  .object({
    predictor: predictorRefSchema.default({ id: 'mlp', options: { hiddenDim: 512 } }),
    ...emaTargetOptionsSchema.shape,
  })
  .strict();

/**
 * BYOL (Grill et al. 2020): the online network (encoder + projector head) and a predictor q
 * learn to predict an EMA target network's projection of the other view:
 * `L = 0.5 * (D(q(z_0), z'_1) + D(q(z_1), z'_0))`, `D = -cos`, the targets `z'` stop-gradient
 * (`NegativeCosineLoss({ symmetric: true })`). After each step the target moves towards the online
 * network with momentum tau (cosine schedule from `momentum` to 1). No negatives.
 */
export class Byol implements Paradigm {
  readonly id = 'byol';
  readonly supervised = false;
  private readonly criterion = new NegativeCosineLoss({ symmetric: true, validate: false });
  private setup?: ParadigmSetup;
  private predictor?: Predictor;
  private target?: EmaTarget;

  constructor(
    private readonly options: z.output<typeof byolOptionsSchema>,
    private readonly registry: PluginResolver,
  ) {}

  validate(plan: ParadigmPlan): void {
    requireTwoViews(plan, this.id);
  }

  attach(setup: ParadigmSetup): void {
    this.setup = setup;
    this.predictor = new Predictor(this.registry, this.options.predictor, setup.embeddingDim, setup.seed);
    this.target = new EmaTarget(setup.model, this.options, setup.totalSteps, `trainer '${this.id}'`);
  }

  get trainableVariables(): tf.Variable[] {
    return attached(this.predictor, this.id).trainableVariables;
  }

  loss({ groups }: ParadigmStep): tf.Scalar {
    const { model, inputShape } = attached(this.setup, this.id);
    const target = attached(this.target, this.id);
    const who = `trainer '${this.id}'`;
    const online = embedViewGroups(groups, inputShape, (views) => model.embedViews(views, true), who);
    const predictions = attached(this.predictor, this.id).apply(online);
    const targets = embedViewGroups(groups, inputShape, (views) => target.embedViews(views), who);
    return this.criterion.compute(predictions, { targets });
  }

  afterStep(step: number): void {
    attached(this.target, this.id).update(attached(this.setup, this.id).model as TrainableModel, step);
  }

  async getState(): Promise<ParadigmState> {
    return {
      meta: { paradigm: this.id, version: 1 },
      tensors: {
        ...(await weightsToBundle(attached(this.predictor, this.id).weights, 'predictor')),
        ...(await attached(this.target, this.id).save('target')),
      },
    };
  }

  setState(state: ParadigmState): void {
    bundleToWeights(state.tensors, attached(this.predictor, this.id).weights, 'predictor');
    attached(this.target, this.id).load(state.tensors, 'target');
  }

  dispose(): void {
    this.predictor?.dispose();
    this.target?.dispose();
  }
}

export const byolPlugin = defineParadigm(
  'byol',
  'BYOL: online network + predictor against an EMA target network (cosine momentum), symmetric negative cosine; no negatives',
  byolOptionsSchema,
  (options, { registry }) => new Byol(options, registry),
);
