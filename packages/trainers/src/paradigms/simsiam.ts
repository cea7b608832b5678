import type * as tf from '@tensorflow/tfjs-core';
import { z, type PluginResolver } from '@contrastive/core';
import { NegativeCosineLoss } from '@contrastive/losses';
import { bundleToWeights, weightsToBundle } from '../trainers/model-weights';
import { defineParadigm } from './define-paradigm';
import type { Paradigm, ParadigmPlan, ParadigmSetup, ParadigmState, ParadigmStep } from './paradigm';
import { Predictor, predictorRefSchema } from './parts/predictor';
import { attached } from './parts/attached';
import { requireTwoViews } from './parts/two-views';
import { embedViewGroups } from './view-embedding';

/** Options of the `simsiam` trainer. */
export const simSiamOptionsSchema = z
  .object({
    predictor: predictorRefSchema.default({ id: 'mlp', options: { hiddenDim: 32 } }),
  })
  .strict();

/**
 * SimSiam (Chen & He 2021): BYOL without the EMA. One network embeds both views, the predictor
 * predicts each view's projection from the other's, and the stop-gradient on the targets is
 * what keeps it from collapsing: `L = 0.5 * (D(p_0, sg(z_1)) + D(p_1, sg(z_0)))`, `D = -cos`
 * (`NegativeCosineLoss({ symmetric: true })` detaches its targets). The predictor has a
 * bottleneck (hidden width < D) as in the paper.
 */
export class SimSiam implements Paradigm {
  readonly id: string = 'simsiam';
  readonly supervised = false;
  private readonly criterion = new NegativeCosineLoss({ symmetric: true, validate: false });
  /** What `attach` was given; undefined before. */
  protected setup?: ParadigmSetup;
  private predictor?: Predictor;

  constructor(
    private readonly simSiamOptions: z.output<typeof simSiamOptionsSchema>,
    private readonly registry: PluginResolver,
  ) {}

  validate(plan: ParadigmPlan): void {
    requireTwoViews(plan, this.id);
  }

  attach(setup: ParadigmSetup): void {
    this.setup = setup;
    this.predictor = new Predictor(this.registry, this.simSiamOptions.predictor, setup.embeddingDim, setup.seed);
  }

  get trainableVariables(): tf.Variable[] {
    return attached(this.predictor, this.id).trainableVariables;
  }

  loss({ groups }: ParadigmStep): tf.Scalar {
    const { model, inputShape } = attached(this.setup, this.id);
    const projections = embedViewGroups(groups, inputShape, (views) => model.embedViews(views, true), `trainer '${this.id}'`);
    const predictions = attached(this.predictor, this.id).apply(projections);
    return this.criterion.compute(predictions, { targets: this.targets(groups, projections) });
  }

  /** What the predictions chase (the loss detaches them): SimSiam's own projections. */
  protected targets(_groups: ParadigmStep['groups'], projections: tf.Tensor3D): tf.Tensor3D {
    return projections;
  }

  afterStep(_step: number): void {}

  async getState(): Promise<ParadigmState> {
    return {
      meta: { paradigm: this.id, version: 1 },
      tensors: {
        ...(await weightsToBundle(attached(this.predictor, this.id).weights, 'predictor')),
        ...(await this.ownState()),
      },
    };
  }

  setState(state: ParadigmState): void {
    bundleToWeights(state.tensors, attached(this.predictor, this.id).weights, 'predictor');
    this.restoreOwnState(state.tensors);
  }

  /** Checkpointed state beyond the predictor (BYOL's target network). */
  protected async ownState(): Promise<ParadigmState['tensors']> {
    return {};
  }

  /** Restores what {@link ownState} saved. */
  protected restoreOwnState(_tensors: ParadigmState['tensors']): void {}

  dispose(): void {
    this.predictor?.dispose();
  }
}

/** The `simsiam` trainer plugin. */
export const simSiamPlugin = defineParadigm(
  'simsiam',
  'SimSiam: predictor + stop-gradient on one network, symmetric negative cosine; no EMA, no negatives',
  simSiamOptionsSchema,
  (options, { registry }) => new SimSiam(options, registry),
);
