import * as tf from '@tensorflow/tfjs-core';
import type { ContrastiveLoss, ReferenceLoss } from '@contrastive/losses';
import type { NegativeStrategy, StrategyNeeds, StrategySetup, StrategyStep } from '../strategy';
import { EmbeddingQueue } from '../queue/embedding-queue';
import { InstanceIds } from '../internal/instance-ids';
import { Pending } from '../internal/pending';
import { resolveReferenceLoss } from '../internal/reference-loss';
import { checkEmbeddings, checkLabels, checkPositiveInt } from '../internal/validate';
import { flattenViews, tileIds, tileLabels } from '../internal/views';
import { withoutGradient } from '@contrastive/losses';
import { checkStateOwner, metaNumber, type StrategyState } from '../state/strategy-state';

/** Options of {@link CrossBatchMemory}. */
export interface CrossBatchMemoryOptions {
  /** Rows the memory holds (at least the rows written per step: batch size x views). */
  size: number;
  /** Embedding dimension D; when omitted the memory is allocated at the first step. */
  embeddingDim?: number;
}

const ID = 'cross-batch-memory';
const VERSION = 1;

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
export class CrossBatchMemory implements NegativeStrategy {
  readonly id = ID;
  readonly needs: StrategyNeeds = { views: false, indices: false };
  readonly size: number;
  private queue: EmbeddingQueue | undefined;
  private readonly ids = new InstanceIds();
  private readonly pending = new Pending<{ rows: tf.Tensor2D; labels: tf.Tensor1D; newIds: number }>();
  private disposed = false;

  constructor(
    private readonly ownLoss: ReferenceLoss | undefined,
    private readonly options: CrossBatchMemoryOptions,
  ) {
    this.size = checkPositiveInt(options?.size, 'options.size', 'CrossBatchMemory');
    if (options.embeddingDim !== undefined) {
      checkPositiveInt(options.embeddingDim, 'options.embeddingDim', 'CrossBatchMemory');
      this.queue = new EmbeddingQueue(this.size, options.embeddingDim);
    }
    if (ownLoss !== undefined) resolveReferenceLoss(ownLoss, undefined, 'CrossBatchMemory');
  }

  /** Valid rows currently held (grows to `size`). */
  get count(): number {
    return this.queue?.count ?? 0;
  }

  validate(setup: StrategySetup): void {
    resolveReferenceLoss(this.ownLoss, setup.loss, 'cross-batch-memory');
    const rowsPerStep = setup.batchSize * setup.views;
    if (rowsPerStep > this.size) {
      throw new Error(
        `cross-batch-memory: options.size ${this.size} is smaller than one step's ${rowsPerStep} rows (batch ${setup.batchSize} x ${setup.views} views)`,
      );
    }
  }

  attach(): void {
    this.assertAlive();
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

  loss(step: StrategyStep, loss?: ContrastiveLoss): tf.Scalar {
    this.assertAlive();
    const who = 'CrossBatchMemory.loss';
    const shape = checkEmbeddings(
      step?.embeddings,
      who,
      this.queue?.embeddingDim ?? this.options.embeddingDim,
    );
    checkLabels(step.labels, shape.batch, who);
    const reference = resolveReferenceLoss(this.ownLoss, loss, who);
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
      this.pending.set({
        rows: tf.keep(withoutGradient(() => queries.clone())),
        labels: tf.keep(queryLabels.clone()),
        newIds: step.labels ? 0 : shape.batch,
      });
      return reference.computeWithReference(queries, queryLabels, {
        embeddings: memory.embeddings,
        labels: memory.labels,
        selfIndex: memory.slots,
      });
    });
  }

  update(): void {
    this.assertAlive();
    const step = this.pending.take('CrossBatchMemory.update');
    try {
      this.queue!.write(step.rows, step.labels);
      this.ids.advance(step.newIds);
    } finally {
      Pending.release(step);
    }
  }

  /** Empties the memory. */
  reset(): void {
    this.assertAlive();
    this.pending.clear();
    this.queue?.clear();
  }

  async getState(): Promise<StrategyState> {
    this.assertAlive();
    if (!this.queue) {
      return {
        meta: { strategy: ID, version: VERSION, size: this.size, allocated: false, nextId: this.ids.state },
        tensors: {},
      };
    }
    const saved = await this.queue.getState();
    return {
      meta: { strategy: ID, version: VERSION, allocated: true, nextId: this.ids.state, ...saved.meta },
      tensors: { embeddings: saved.embeddings, labels: saved.labels },
    };
  }

  setState(state: StrategyState): void {
    this.assertAlive();
    checkStateOwner(state, ID, VERSION);
    this.pending.clear();
    this.ids.state = metaNumber(state.meta, 'nextId');
    if (state.meta.allocated !== true) {
      this.queue?.clear();
      return;
    }
    if (!this.queue) this.queue = new EmbeddingQueue(this.size, metaNumber(state.meta, 'embeddingDim'));
    this.queue.setState(state.meta, state.tensors.embeddings, state.tensors.labels);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pending.clear();
    this.queue?.dispose();
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('CrossBatchMemory: used after dispose()');
  }
}
