import * as tf from '@tensorflow/tfjs-core';
import { ringWrite } from './ring-write';
import { withoutGradient } from '@contrastive/losses';
import { metaNumber, restoreTensor, storeTensor, type StoredTensor } from '../state/strategy-state';

/** The memory's rows as a contrast set: embeddings `[M, D]`, labels `[M]` int32 and, for a preview, the batch's slots. */
export interface QueueContents {
  /** `[M, D]` rows. */
  embeddings: tf.Tensor2D;
  /** `[M]` int32 labels of the rows. */
  labels: tf.Tensor1D;
}

/** JSON part of a queue's state. */
export interface QueueMeta {
  /** Rows the queue holds. */
  size: number;
  /** Width D of the rows. */
  embeddingDim: number;
  /** Slot of the next write. */
  pointer: number;
  /** Whether every slot has been written once. */
  filled: boolean;
}

/**
 * A fixed-size FIFO ring buffer of (embedding, label) rows, held in two non-trainable
 * `tf.Variable`s allocated once (`[size, D]` float32, `[size]` int32). It starts empty and
 * grows to `size`; then each write overwrites the oldest rows. A write of n rows goes to slots
 * `(pointer + k) mod size` for k < n, so a batch crossing the end wraps around entirely (no
 * row of the batch is dropped). Rows are constants for autodiff.
 *
 * Writes build the next contents from contiguous slices (`ringWrite`) and `Variable.assign` them:
 * the variables keep their identity and size and the number of live tensors never grows (one
 * buffer copy per write).
 */
export class EmbeddingQueue {
  private readonly memory: tf.Variable<tf.Rank.R2>;
  private readonly labelMemory: tf.Variable<tf.Rank.R1>;
  private writePointer = 0;
  private hasFilled = false;
  private disposed = false;

  constructor(
    /** Rows the queue holds once full. */
    readonly size: number,
    /** Width D of the rows. */
    readonly embeddingDim: number,
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`EmbeddingQueue: size must be a positive integer, got ${size}`);
    if (!Number.isInteger(embeddingDim) || embeddingDim < 1) {
      throw new Error(`EmbeddingQueue: embeddingDim must be a positive integer, got ${embeddingDim}`);
    }
    this.memory = tf.tidy(() =>
      tf.variable(tf.zeros([size, embeddingDim]), false),
    ) as tf.Variable<tf.Rank.R2>;
    this.labelMemory = tf.tidy(() =>
      tf.variable(tf.fill([size], -1, 'int32'), false),
    ) as tf.Variable<tf.Rank.R1>;
  }

  /** Number of valid rows (grows to `size`, then stays). */
  get count(): number {
    return this.hasFilled ? this.size : this.writePointer;
  }

  /** Slot the next row is written to. */
  get pointer(): number {
    return this.writePointer;
  }

  /** True once the buffer has wrapped around at least once. */
  get isFull(): boolean {
    return this.hasFilled;
  }

  /** The slots the next write of `n` rows goes to (in row order). */
  slotsFor(n: number): Int32Array {
    this.assertAlive();
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`EmbeddingQueue: row count must be a positive integer, got ${n}`);
    if (n > this.size) {
      throw new Error(
        `EmbeddingQueue: cannot enqueue ${n} rows into a memory of size ${this.size}; ` +
          `use a memory at least as large as the rows written per step (batch size x views)`,
      );
    }
    const slots = new Int32Array(n);
    for (let k = 0; k < n; k++) slots[k] = (this.writePointer + k) % this.size;
    return slots;
  }

  /** A detached copy of the valid rows. */
  contents(): QueueContents {
    this.assertAlive();
    const count = this.count;
    return {
      embeddings: withoutGradient(() => tf.slice(this.memory, [0, 0], [count, this.embeddingDim])),
      labels: tf.tidy(() => tf.slice(this.labelMemory, [0], [count])),
    };
  }

  /**
   * The contents the memory WOULD hold after writing `rows` (detached), without writing:
   * what pytorch-metric-learning's CrossBatchMemory scores a batch against.
   * `slots[k]` is the row of the result holding `rows[k]`.
   */
  previewWrite(rows: tf.Tensor2D, labels: tf.Tensor1D): QueueContents & { slots: Int32Array } {
    const n = this.checkRows(rows, labels);
    const slots = this.slotsFor(n);
    const count = this.hasFilled || this.writePointer + n >= this.size ? this.size : this.writePointer + n;
    const embeddings = withoutGradient(() => ringWrite(this.memory, this.writePointer, rows, count));
    const labelRows = tf.tidy(() => ringWrite(this.labelMemory, this.writePointer, toInt(labels), count));
    return { embeddings, labels: labelRows, slots };
  }

  /** Writes rows (and their labels) at the pointer, wrapping around; returns the slots written. */
  write(rows: tf.Tensor2D, labels: tf.Tensor1D): Int32Array {
    const n = this.checkRows(rows, labels);
    const slots = this.slotsFor(n);
    const next = withoutGradient(() => ringWrite(this.memory, this.writePointer, rows, this.size));
    const nextLabels = tf.tidy(() =>
      ringWrite(this.labelMemory, this.writePointer, toInt(labels), this.size),
    );
    this.memory.assign(next as tf.Tensor2D);
    this.labelMemory.assign(nextLabels as tf.Tensor1D);
    next.dispose();
    nextLabels.dispose();
    const previous = this.writePointer;
    this.writePointer = (previous + n) % this.size;
    if (this.writePointer <= previous) this.hasFilled = true;
    return slots;
  }

  /** Empties the memory (keeps the variables). */
  clear(): void {
    this.assertAlive();
    this.writePointer = 0;
    this.hasFilled = false;
  }

  /** The rows, pointer and fill state for a checkpoint. */
  async getState(): Promise<{ meta: QueueMeta; embeddings: StoredTensor; labels: StoredTensor }> {
    this.assertAlive();
    return {
      meta: {
        size: this.size,
        embeddingDim: this.embeddingDim,
        pointer: this.writePointer,
        filled: this.hasFilled,
      },
      embeddings: await storeTensor(this.memory),
      labels: await storeTensor(this.labelMemory),
    };
  }

  /** Restores a checkpoint's rows; refuses one saved with another size or width. */
  setState(
    meta: Record<string, unknown>,
    embeddings: StoredTensor | undefined,
    labels: StoredTensor | undefined,
  ): void {
    this.assertAlive();
    const size = metaNumber(meta, 'size');
    const dim = metaNumber(meta, 'embeddingDim');
    if (size !== this.size || dim !== this.embeddingDim) {
      throw new Error(
        `setState: saved memory is [${size}, ${dim}], this one is [${this.size}, ${this.embeddingDim}] (size, embeddingDim)`,
      );
    }
    const pointer = metaNumber(meta, 'pointer');
    if (!Number.isInteger(pointer) || pointer < 0 || pointer >= size) {
      throw new Error(`setState: state.meta.pointer must be an integer in [0, ${size}), got ${pointer}`);
    }
    const storedEmbeddings = restoreTensor(embeddings, 'embeddings', [size, dim]);
    const storedLabels = restoreTensor(labels, 'labels', [size]);
    this.memory.assign(storedEmbeddings as tf.Tensor2D);
    this.labelMemory.assign(storedLabels as tf.Tensor1D);
    storedEmbeddings.dispose();
    storedLabels.dispose();
    this.writePointer = pointer;
    this.hasFilled = meta.filled === true;
  }

  /** Frees the two variables; later calls throw. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.memory.dispose();
    this.labelMemory.dispose();
  }

  private checkRows(rows: tf.Tensor2D, labels: tf.Tensor1D): number {
    this.assertAlive();
    if (rows.rank !== 2 || rows.shape[1] !== this.embeddingDim) {
      throw new Error(`EmbeddingQueue: rows must have shape [n, ${this.embeddingDim}], got [${rows.shape}]`);
    }
    if (labels.rank !== 1 || labels.shape[0] !== rows.shape[0]) {
      throw new Error(
        `EmbeddingQueue: labels must have shape [${rows.shape[0]}] (one per row), got [${labels.shape}]`,
      );
    }
    return rows.shape[0];
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('EmbeddingQueue: used after dispose()');
  }
}

function toInt(labels: tf.Tensor1D): tf.Tensor1D {
  return labels.dtype === 'int32' ? labels : (tf.cast(labels, 'int32') as tf.Tensor1D);
}
