import * as tf from '@tensorflow/tfjs-core';
import { classPlugin, parsePluginOptions, z } from '@contrastive/core';
import type { ContrastiveLoss } from '@contrastive/losses';
import type { StrategyNeeds, StrategySetup, StrategyStep } from '../strategy';
import { StrategyBase, type StateBody } from '../lifecycle/strategy-base';
import { checkEmbeddings, checkLabels } from '../internal/validate';
import { flattenViews, tileLabels } from '../internal/views';

/** Options of {@link InBatch}. */
export const inBatchOptionsSchema = z
  .object({
    // `views`: `loss.compute(embeddings [B, V, D], { labels })` (SupCon's input; without labels it
    // is SimCLR). `flat`: `loss.compute([V*B, D] view-major, { labels })` with labels repeated per
    // view, or sample ids when there are none, so the views of a sample are its positives (the
    // input of NT-Xent and triplet). `auto`: `views` for a loss that declares `acceptsViews`
    // (SupConLoss does), otherwise `flat`.
    layout: z
      .enum(['auto', 'views', 'flat'])
      .default('auto')
      .describe(
        "how the batch reaches loss.compute: 'views' [B, V, D], 'flat' [V*B, D] with labels, 'auto' by the loss",
      ),
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type InBatchOptions = z.input<typeof inBatchOptionsSchema>;

/** How {@link InBatch} hands the batch to the loss. */
export type InBatchLayout = z.output<typeof inBatchOptionsSchema>['layout'];

const ID = 'in-batch';

/**
 * End-to-end in-batch negatives (SimCLR, SupCon): the contrast set of each view is the other
 * views of the current batch, so larger batches mean more negatives. It keeps no memory:
 * `update()` has nothing to commit and the state is empty.
 */
export class InBatch extends StrategyBase<Record<string, never>> {
  readonly id = ID;
  readonly needs: StrategyNeeds = { views: false, indices: false };
  /** How the batch reaches the loss. */
  readonly layout: InBatchLayout;

  constructor(options: InBatchOptions = {}) {
    super('InBatch');
    this.layout = parsePluginOptions(inBatchOptionsSchema, options, { kind: 'strategy', id: ID }).layout;
  }

  protected override checkSetup(setup: StrategySetup): void {
    if (!setup.supervised && setup.views < 2) {
      throw new Error(
        `in-batch: a self-supervised run needs at least 2 views per sample (pretrain.views is ${setup.views}): ` +
          "a sample's only positives are its other views, so the loss would have none to learn from",
      );
    }
  }

  /** The experiment's loss, which scores the batch on its own (`compute`). */
  protected lossFor(loss: ContrastiveLoss | undefined, who: string): ContrastiveLoss {
    if (!loss || typeof loss.compute !== 'function') {
      throw new Error(
        `${who}: the in-batch strategy needs the experiment's loss: loss(step, loss) with loss.compute(...), got ${typeof loss}`,
      );
    }
    return loss;
  }

  /** The batch is its own contrast set: it goes to the loss as `[B, V, D]` or flattened with per-view labels. */
  protected contrast(step: StrategyStep, loss: ContrastiveLoss): tf.Scalar {
    const shape = checkEmbeddings(step?.embeddings, 'InBatch.loss');
    checkLabels(step.labels, shape.batch, 'InBatch.loss');
    const layout = this.layout === 'auto' ? (acceptsViews(loss) ? 'views' : 'flat') : this.layout;
    this.stash({});
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

  /** Nothing to store: the next step brings its own batch. */
  protected commit(): void {}

  protected saveState(): StateBody {
    return { meta: { layout: this.layout }, tensors: {} };
  }

  protected restoreState(): void {}
}

/** True when the loss takes `[B, V, D]` batches (declared by an `acceptsViews` flag). */
function acceptsViews(loss: ContrastiveLoss): boolean {
  return (loss as { acceptsViews?: unknown }).acceptsViews === true;
}

/** `in-batch`: SimCLR / SupCon's contrast set, the current batch's views. */
export const inBatchPlugin = classPlugin('strategy', ID, inBatchOptionsSchema, InBatch, {
  description: 'end-to-end: each sample is contrasted with the other views of the current batch (SimCLR, SupCon)',
});
