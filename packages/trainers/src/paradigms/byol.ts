import type * as tf from '@tensorflow/tfjs-core';
import { z, type PluginResolver } from '@contrastive/core';
import type { TrainableModel } from '../trainers/trainable-model';
import { defineParadigm } from './define-paradigm';
import type { ParadigmSetup, ParadigmState, ParadigmStep } from './paradigm';
import { EmaTarget, emaTargetOptionsSchema } from './parts/ema-target';
import { predictorRefSchema } from './parts/predictor';
import { attached } from './parts/attached';
import { SimSiam } from './simsiam';
import { embedViewGroups } from './view-embedding';

/** Options of the `byol` trainer. */
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
 * network with momentum tau (cosine schedule from `momentum` to 1). No negatives. It is SimSiam
 * whose targets come from the EMA network instead of the online one.
 */
export class Byol extends SimSiam {
  override readonly id: string = 'byol';
  private target?: EmaTarget;

  constructor(
    private readonly options: z.output<typeof byolOptionsSchema>,
    registry: PluginResolver,
  ) {
    super(options, registry);
  }

  override attach(setup: ParadigmSetup): void {
    super.attach(setup);
    this.target = new EmaTarget(setup.model, this.options, setup.totalSteps, `trainer '${this.id}'`);
  }

  protected override targets(groups: ParadigmStep['groups']): tf.Tensor3D {
    const { inputShape } = attached(this.setup, this.id);
    const target = attached(this.target, this.id);
    return embedViewGroups(groups, inputShape, (views) => target.embedViews(views), `trainer '${this.id}'`);
  }

  override afterStep(step: number): void {
    attached(this.target, this.id).update(attached(this.setup, this.id).model as TrainableModel, step);
  }

  protected override async ownState(): Promise<ParadigmState['tensors']> {
    return attached(this.target, this.id).save('target');
  }

  protected override restoreOwnState(tensors: ParadigmState['tensors']): void {
    attached(this.target, this.id).load(tensors, 'target');
  }

  override dispose(): void {
    super.dispose();
    this.target?.dispose();
  }
}

/** The `byol` trainer plugin. */
export const byolPlugin = defineParadigm(
  'byol',
  'BYOL: online network + predictor against an EMA target network (cosine momentum), symmetric negative cosine; no negatives',
  byolOptionsSchema,
  (options, { registry }) => new Byol(options, registry),
);
