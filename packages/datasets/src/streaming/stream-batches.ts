import type { SeededRandom } from '@contrastive/core';
import { resolveRandom, assertInteger, type RandomSource } from '../sampling/batch-sampler';
import { exampleSize, validateSplit } from '../split/split-utils';
import { toBatch, type TensorBatch } from '../batching/to-batch';
import type { LabeledSplit } from '../types';

/** A source of consecutive chunks of a dataset, e.g. an IDX file read a few thousand rows at a time. */
export type ChunkSource = AsyncIterable<LabeledSplit> | Iterable<LabeledSplit>;

/** Options of {@link streamBatches}. */
export interface StreamBatchesOptions extends RandomSource {
  /** Samples per batch. */
  batchSize: number;
  /** Drop a final batch smaller than `batchSize` (default false). */
  dropLast?: boolean;
  /**
   * Size of the shuffle buffer (tf.data semantics): 0 (default) keeps the source order; k > 0 holds k
   * examples and emits a uniformly chosen one as each new example arrives, so memory stays O(k + chunk).
   */
  shuffleBufferSize?: number;
}

/**
 * Re-batches a stream of chunks into batches of `batchSize` examples without ever holding more than one
 * chunk plus the shuffle buffer, so a dataset larger than memory can be iterated. Every chunk must have the
 * same `exampleShape` as the first (else an Error naming the chunk). Deterministic for a given seed.
 */
export async function* streamBatches(source: ChunkSource, options: StreamBatchesOptions): AsyncGenerator<LabeledSplit> {
  const { batchSize, dropLast = false, shuffleBufferSize = 0 } = options;
  assertInteger('batchSize', batchSize, 1);
  assertInteger('shuffleBufferSize', shuffleBufferSize, 0);
  const rng: SeededRandom = resolveRandom(options, 'stream-batches');
  let shape: number[] | undefined;
  let d = 0;
  let batch: Batcher | undefined;
  const buffer: Array<{ x: Float32Array; label: number }> = [];
  let chunkIndex = 0;
  for await (const chunk of source as AsyncIterable<LabeledSplit>) {
    validateSplit(chunk, `chunk ${chunkIndex}`);
    if (!shape) {
      shape = chunk.exampleShape.slice();
      d = exampleSize(chunk);
      batch = new Batcher(batchSize, shape);
    } else if (chunk.exampleShape.join() !== shape.join()) {
      throw new Error(`chunk ${chunkIndex}: exampleShape [${chunk.exampleShape}] differs from the first chunk's [${shape}]`);
    }
    for (let i = 0; i < chunk.size; i++) {
      let x = chunk.x.subarray(i * d, (i + 1) * d);
      let label = chunk.labels[i];
      if (shuffleBufferSize > 0) {
        const item = { x: x.slice(), label };
        if (buffer.length < shuffleBufferSize) {
          buffer.push(item);
          continue;
        }
        const j = rng.int(shuffleBufferSize);
        ({ x, label } = buffer[j]);
        buffer[j] = item;
      }
      const full = batch!.add(x, label);
      if (full) yield full;
    }
    chunkIndex++;
  }
  if (!batch) return;
  rng.shuffle(buffer);
  for (const item of buffer) {
    const full = batch.add(item.x, item.label);
    if (full) yield full;
  }
  const rest = batch.flush();
  if (rest && !dropLast) yield rest;
}

/** {@link streamBatches}, each batch turned into tensors with {@link toBatch}; the consumer disposes them. */
export async function* streamTensorBatches(source: ChunkSource, options: StreamBatchesOptions): AsyncGenerator<TensorBatch> {
  for await (const batch of streamBatches(source, options)) yield toBatch(batch);
}

/** Cuts an in-memory split into consecutive chunks of `chunkSize` (views, no copies): a {@link ChunkSource}. */
export function* chunksOf(split: LabeledSplit, chunkSize: number): Generator<LabeledSplit> {
  assertInteger('chunkSize', chunkSize, 1);
  const d = exampleSize(split);
  for (let start = 0; start < split.size; start += chunkSize) {
    const end = Math.min(split.size, start + chunkSize);
    yield {
      x: split.x.subarray(start * d, end * d),
      exampleShape: split.exampleShape.slice(),
      labels: split.labels.subarray(start, end),
      size: end - start,
    };
  }
}

class Batcher {
  private x: Float32Array;
  private labels: Int32Array;
  private count = 0;
  private readonly d: number;

  constructor(
    private readonly batchSize: number,
    private readonly shape: number[],
  ) {
    this.d = shape.reduce((a, b) => a * b, 1);
    this.x = new Float32Array(batchSize * this.d);
    this.labels = new Int32Array(batchSize);
  }

  add(x: Float32Array, label: number): LabeledSplit | undefined {
    this.x.set(x, this.count * this.d);
    this.labels[this.count++] = label;
    return this.count === this.batchSize ? this.flush() : undefined;
  }

  flush(): LabeledSplit | undefined {
    if (this.count === 0) return undefined;
    const out = {
      x: this.x.slice(0, this.count * this.d),
      exampleShape: this.shape.slice(),
      labels: this.labels.slice(0, this.count),
      size: this.count,
    };
    this.count = 0;
    return out;
  }
}
