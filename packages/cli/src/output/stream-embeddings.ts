import * as tf from '@tensorflow/tfjs-core';
import { toBatch, type LabeledSplit } from '@contrastive/datasets';
import type { EmbeddingWriter } from './embedding-writers';

/** Options of {@link streamEmbeddings}. */
export interface StreamEmbeddingsOptions {
  /** Examples per forward pass. Default 512. */
  batchSize?: number;
  /** Called after each batch is written (progress, tests measuring memory). */
  onBatch?: (rowsWritten: number) => void;
}

/**
 * Embeds `split` a batch at a time and hands each batch to `writer` before computing the next,
 * so neither the embeddings nor their text are ever held whole: memory stays flat in the split's
 * size. Tensors are freed per batch.
 */
export async function streamEmbeddings(
  embed: (x: tf.Tensor) => tf.Tensor,
  split: LabeledSplit,
  writer: EmbeddingWriter,
  options: StreamEmbeddingsOptions = {},
): Promise<void> {
  const batchSize = options.batchSize ?? 512;
  for (let start = 0; start < split.size; start += batchSize) {
    const count = Math.min(batchSize, split.size - start);
    const indices = Int32Array.from({ length: count }, (_, i) => start + i);
    const out = tf.tidy(() => {
      const y = embed(toBatch(split, indices).x);
      return y.rank === 2 ? y : tf.reshape(y, [count, -1]);
    });
    let rows: Float32Array;
    try {
      rows = (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
    await writer.write(rows, split.labels.subarray(start, start + count));
    options.onBatch?.(start + count);
  }
}
