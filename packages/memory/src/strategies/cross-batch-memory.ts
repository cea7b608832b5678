import * as tf from '@tensorflow/tfjs-core';
import { definePlugin, parsePluginOptions, z } from '@contrastive/core';
import { withoutGradient, type ReferenceLoss } from '@contrastive/losses';
import type { StrategyNeeds, StrategySetup, StrategyStep } from '../strategy';
import { EmbeddingQueue } from '../queue/embedding-queue';
import { InstanceIds } from '../internal/instance-ids';
import { MemoryStrategy } from '../lifecycle/memory-strategy';
import type { StateBody } from '../lifecycle/strategy-base';
import { checkEmbeddings, checkLabels } from '../internal/validate';
import { embeddingDimOption, ownLoss, positiveInt, withLossOption } from '../internal/strategy-plugin';
import { flattenViews, tileIds, tileLabels } from '../internal/views';
import { metaNumber, type StrategyState } from '../state/strategy-state';

/** Options of {@link CrossBatchMemory} (the plugin adds `loss`, see {@link crossBatchMemoryPlugin}). */
export const crossBatchMemoryOptionsSchema = z
  .object({
    size: positiveInt.describe('rows held by the memory (at least batch size x views)'),
    embeddingDim: embeddingDimOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type CrossBatchMemoryOptions = z.input<typeof crossBatchMemoryOptionsSchema>;

const ID = 'cross-batch-memory';

/**
 * Cross-batch memory (Wang et al. 2020; pytorch-metric-learning's `CrossBatchMemory`): a FIFO
 * queue of past embeddings and labels that enlarges the contrast set beyond the batch.
 *
 * Each step, exactly as in pytorch-metric-learning: the batch is enqueued first, then the loss
 * takes the batch as anchors (queries) against the whole memory, which now holds the batch,
 * with each anchor's own slot removed from its pairs. The memory starts empty and grows to
 * `size`. Gradients flow only through the anchors; the memory is a constant.
 *
 * With `[B, V, D]` embeddings the V views are flattened view-major to V*B anchors (and V*B
 * rows enqueued). Without labels every sample gets a fresh instance id (its views are
 * positives of each other, all older rows are negatives).
 *
 * For pml's exact semantics wrap `NTXentLoss` or `SupConLoss` with `noPositive: 'exclude'`
 * and `baseTemperature = temperature`.
 *
 * ```ts
 * const memory = new CrossBatchMemory(new NTXentLoss({ temperature: 0.1 }), { size: 1024, embeddingDim: 128 });
 * const loss = memory.compute(embeddings, { labels }); // enqueues, then scores the batch against the memory
 * ```
 */
export class CrossBatchMemory extends MemoryStrategy<{ rows: tf.Tensor2D; labels: tf.Tensor1D; newIds: number }> {
  readonly id = ID;
  readonly needs: StrategyNeeds = { views: false, indices: false };
  /** Rows held by the memory. */
  readonly size: number;
  private readonly fixedDim: number | undefined;
  private queue: EmbeddingQueue | undefined;
  private readonly ids = new InstanceIds();

  constructor(ownLoss: ReferenceLoss | undefined, options: CrossBatchMemoryOptions) {
    super('CrossBatchMemory', ownLoss);
    const { size, embeddingDim } = parsePluginOptions(crossBatchMemoryOptionsSchema, options, { kind: 'strategy', id: ID });
    this.size = size;
    this.fixedDim = embeddingDim;
    if (embeddingDim !== undefined) this.queue = new EmbeddingQueue(size, embeddingDim);
  }

  /** Valid rows currently held (grows to `size`). */
  get count(): number {
    return this.queue?.count ?? 0;
  }

  /**
   * pytorch-metric-learning's `forward`: enqueues the batch, then returns its loss against the
   * memory. Differentiable with respect to `embeddings` (`[N, D]` or `[B, V, D]`).
   */
  compute(embeddings: tf.Tensor, target: { labels?: tf.Tensor1D } = {}): tf.Scalar {
    const value = this.loss({ embeddings, labels: target.labels });
    this.update();
    return value;
  }

  /** Empties the memory. */
  reset(): void {
    this.assertAlive();
    this.dropStash();
    this.queue?.clear();
  }

  protected override checkSetup(setup: StrategySetup): void {
    const rowsPerStep = setup.batchSize * setup.views;
    if (rowsPerStep > this.size) {
      throw new Error(
        `cross-batch-memory: options.size ${this.size} is smaller than one step's ${rowsPerStep} rows (batch ${setup.batchSize} x ${setup.views} views)`,
      );
    }
  }

  /** The batch against the memory as it will be once the batch is enqueued, each anchor's own slot excluded. */
  protected contrast(step: StrategyStep, reference: ReferenceLoss): tf.Scalar {
    const who = 'CrossBatchMemory.loss';
    const shape = checkEmbeddings(step?.embeddings, who, this.queue?.embeddingDim ?? this.fixedDim);
    checkLabels(step.labels, shape.batch, who);
    const rowsPerStep = shape.batch * shape.views;
    if (rowsPerStep > this.size) {
      throw new Error(
        `${who}: a step writes ${rowsPerStep} rows (batch ${shape.batch} x ${shape.views} views) but the memory size is ${this.size}; ` +
          `the memory must hold at least one step`,
      );
    }
    const queue = (this.queue ??= new EmbeddingQueue(this.size, shape.dim));
    return tf.tidy(() => {
      const queries = flattenViews(step.embeddings);
      const queryLabels = step.labels
        ? tileLabels(step.labels, shape.views)
        : tf.tensor1d(tileIds(this.ids.peek(shape.batch), shape.views), 'int32');
      const memory = queue.previewWrite(queries, queryLabels);
      this.stash({
        rows: withoutGradient(() => queries.clone()),
        labels: queryLabels.clone(),
        newIds: step.labels ? 0 : shape.batch,
      });
      return reference.computeWithReference(queries, queryLabels, {
        embeddings: memory.embeddings,
        labels: memory.labels,
        selfIndex: memory.slots,
      });
    });
  }

  /** Enqueues the batch. */
  protected commit(step: { rows: tf.Tensor2D; labels: tf.Tensor1D; newIds: number }): void {
    this.queue!.write(step.rows, step.labels);
    this.ids.advance(step.newIds);
  }

  protected async saveState(): Promise<StateBody> {
    if (!this.queue) return { meta: { size: this.size, allocated: false, nextId: this.ids.state }, tensors: {} };
    const saved = await this.queue.getState();
    return {
      meta: { allocated: true, nextId: this.ids.state, ...saved.meta },
      tensors: { embeddings: saved.embeddings, labels: saved.labels },
    };
  }

  protected restoreState(state: StrategyState): void {
    this.ids.state = metaNumber(state.meta, 'nextId');
    if (state.meta.allocated !== true) {
      this.queue?.clear();
      return;
    }
    if (!this.queue) this.queue = new EmbeddingQueue(this.size, metaNumber(state.meta, 'embeddingDim'));
    this.queue.setState(state.meta, state.tensors.embeddings, state.tensors.labels);
  }

  protected override release(): void {
    this.queue?.dispose();
  }
}

/** `cross-batch-memory`: a FIFO queue of past embeddings (pytorch-metric-learning's CrossBatchMemory). */
export const crossBatchMemoryPlugin = definePlugin({
  kind: 'strategy',
  id: ID,
  description: 'a FIFO queue of past embeddings and labels enlarges the contrast set (XBM; pml CrossBatchMemory)',
  optionsSchema: withLossOption(crossBatchMemoryOptionsSchema),
  create: ({ loss, ...options }, context) => new CrossBatchMemory(ownLoss(loss, context, ID), options),
});
