import * as tf from '@tensorflow/tfjs-core';
import type { ContrastiveLoss } from '@contrastive/losses';
import type { NegativeStrategy, StrategyNeeds, StrategySetup, StrategyStep } from '../strategy';
import { checkEmbeddings, checkLabels } from '../internal/validate';
import { flattenViews, tileLabels } from '../internal/views';
import { checkStateOwner, type StrategyState } from '../state/strategy-state';

/** How {@link InBatch} hands the batch to the loss. */
export type InBatchLayout = 'auto' | 'views' | 'flat';

/** Options of {@link InBatch}. */
export interface InBatchOptions {
  /**
   * `views`: `loss.compute(embeddings [B, V, D], { labels })` (SupCon's input; without labels it
   * is SimCLR). `flat`: `loss.compute([V*B, D] view-major, { labels })` with labels repeated per
   * view, or sample ids when there are none, so the views of a sample are its positives (the
   * input of NT-Xent and triplet). `auto` (default): `views` for a loss that takes `[B, V, D]`
   * (it declares `acceptsViews`, as `SupConLoss` does), otherwise `flat`.
   */
  layout?: InBatchLayout;
}

const ID = 'in-batch';
const VERSION = 1;

/**
 * End-to-end in-batch negatives (SimCLR, SupCon): the contrast set of each view is the other
 * views of the current batch, so larger batches mean more negatives. It keeps no memory:
 * `update()` has nothing to commit and the state is empty.
 */
export class InBatch implements NegativeStrategy {
  readonly id = ID;
  readonly needs: StrategyNeeds = { views: false, indices: false };
  readonly layout: InBatchLayout;
  private stepped = false;

  constructor(options: InBatchOptions = {}) {
    this.layout = options.layout ?? 'auto';
    if (!['auto', 'views', 'flat'].includes(this.layout)) {
      throw new Error(
        `InBatch: options.layout must be 'auto', 'views' or 'flat', got ${JSON.stringify(this.layout)}`,
      );
    }
  }

  validate(setup: StrategySetup): void {
    if (!setup.supervised && setup.views < 2) {
      throw new Error(
        `in-batch: a self-supervised run needs at least 2 views per sample (pretrain.views is ${setup.views}): ` +
          "a sample's only positives are its other views, so the loss would have none to learn from",
      );
    }
  }

  attach(): void {
    // Nothing to build: the contrast set is the batch.
  }

  loss(step: StrategyStep, loss?: ContrastiveLoss): tf.Scalar {
    const who = 'InBatch.loss';
    const shape = checkEmbeddings(step?.embeddings, who);
    checkLabels(step.labels, shape.batch, who);
    if (!loss || typeof loss.compute !== 'function') {
      throw new Error(
        `${who}: the in-batch strategy needs the experiment's loss: loss(step, loss) with loss.compute(...), got ${typeof loss}`,
      );
    }
    const layout = this.layout === 'auto' ? (acceptsViews(loss) ? 'views' : 'flat') : this.layout;
    this.stepped = true;
    if (layout === 'views' || step.embeddings.rank === 2) {
      return loss.compute(step.embeddings, step.labels ? { labels: step.labels } : undefined);
    }
    return tf.tidy(() => {
      const flat = flattenViews(step.embeddings);
      const labels = step.labels
        ? tileLabels(step.labels, shape.views)
        : (tf.tile(tf.range(0, shape.batch, 1, 'int32'), [shape.views]) as tf.Tensor1D);
      return loss.compute(flat, { labels });
    });
  }

  update(): void {
    if (!this.stepped)
      throw new Error('InBatch.update: update() called without a preceding loss() for this step');
    this.stepped = false;
  }

  async getState(): Promise<StrategyState> {
    return { meta: { strategy: ID, version: VERSION, layout: this.layout }, tensors: {} };
  }

  setState(state: StrategyState): void {
    checkStateOwner(state, ID, VERSION);
    this.stepped = false;
  }

  dispose(): void {
    this.stepped = false;
  }
}

/** True when the loss takes `[B, V, D]` batches (declared by an `acceptsViews` flag). */
function acceptsViews(loss: ContrastiveLoss): boolean {
  return (loss as { acceptsViews?: unknown }).acceptsViews === true;
}
