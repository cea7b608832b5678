import * as tf from '@tensorflow/tfjs-core';
import { momentumAt, momentumUpdate, type MomentumModel, type MomentumSchedule } from '@contrastive/memory';
import { z } from '@contrastive/core';
import { withoutGradient } from '@contrastive/losses';
import type { TensorBundle } from '../../checkpoint/tensor-bundle';
import type { WeightLike } from '@contrastive/core';
import { bundleToWeights, weightsToBundle } from '../../trainers/model-weights';
import type { TrainableModel } from '../../trainers/trainable-model';

/** Options of an EMA target (BYOL's target network, DINO's teacher). */
export const emaTargetOptionsSchema = z
  .object({
    momentum: z.number().min(0).max(1).default(0.996).describe('base EMA momentum tau of the target network'),
    momentumSchedule: z.enum(['cosine', 'constant']).default('cosine').describe("'cosine' raises tau to 1 over the run (BYOL)"),
  })
  .strict();

type TargetModel = TrainableModel & MomentumModel;

/**
 * A target network that follows the online one by EMA: `theta_t <- tau theta_t + (1 - tau) theta_o`,
 * tau on BYOL's cosine schedule from `momentum` to 1 (or constant). It starts as a copy of the online
 * network, runs in inference mode and takes the online network's batch-norm statistics at every
 * update (`'copy'`), as MoCo's key encoder here does.
 */
export class EmaTarget {
  /** The target network (a clone of the online one). */
  readonly network: TargetModel;

  constructor(
    online: TrainableModel,
    private readonly options: z.output<typeof emaTargetOptionsSchema>,
    private readonly totalSteps: number,
    who: string,
  ) {
    if (typeof (online as Partial<MomentumModel>).clone !== 'function') {
      throw new Error(`${who}: the model must have clone() (ContrastiveModel) to build the EMA target network`);
    }
    this.network = (online as TargetModel).clone() as TargetModel;
  }

  /** The momentum the update after `step` (0-based) uses. */
  momentumAt(step: number): number {
    return momentumAt(this.options.momentum, this.options.momentumSchedule as MomentumSchedule, step, this.totalSteps);
  }

  /** `[B, V, ...input]` -> `[B, V, D]`, constant (no gradient reaches the target). */
  embedViews(views: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => withoutGradient(() => this.network.embedViews(views, false))) as tf.Tensor3D;
  }

  /** Moves the target towards `online` by the momentum of `step`. */
  update(online: TrainableModel, step: number): void {
    momentumUpdate(this.network, online as TargetModel, this.momentumAt(step), 'copy');
  }

  /** Every weight of the target, batch-norm statistics included. */
  get weights(): readonly WeightLike[] {
    return this.network.weights as readonly WeightLike[];
  }

  /** The target's weights as a tensor bundle under `prefix`, for a checkpoint. */
  async save(prefix: string): Promise<TensorBundle> {
    return weightsToBundle(this.weights, prefix);
  }

  /** Restores the target's weights from a checkpoint bundle. */
  load(bundle: TensorBundle, prefix: string): void {
    bundleToWeights(bundle, this.weights, prefix);
  }

  /** Frees the target network. */
  dispose(): void {
    this.network.dispose?.();
  }
}
