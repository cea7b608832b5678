import * as tf from '@tensorflow/tfjs-core';
import { isGpuBackend } from '@contrastive/core';
import { toBatch, type LabeledSplit } from '@contrastive/datasets';

/** Row-major features of a whole split, computed in batches with the model frozen. */
export interface ExtractedFeatures {
  /** The features, row-major. */
  data: Float32Array;
  /** Number of examples. */
  rows: number;
  /** Feature width. */
  cols: number;
}

/**
 * Runs `embed` (encoder features or head embeddings, inference mode) over a split in batches
 * and gathers the results on the host, so a probe can be fitted on precomputed features.
 * On GPU backends each batch is read asynchronously (a synchronous read would stall the queue
 * or fail); CPU backends read synchronously, which costs them nothing.
 */
export async function extractFeatures(
  embed: (x: tf.Tensor) => tf.Tensor,
  split: LabeledSplit,
  batchSize = 512,
): Promise<ExtractedFeatures> {
  const readAsync = isGpuBackend(tf.getBackend());
  let data: Float32Array | undefined;
  let cols = 0;
  for (let start = 0; start < split.size; start += batchSize) {
    const indices = Int32Array.from({ length: Math.min(batchSize, split.size - start) }, (_, i) => start + i);
    const features = tf.tidy(() => {
      const { x } = toBatch(split, indices);
      const out = embed(x);
      return out.rank === 2 ? out : tf.reshape(out, [indices.length, -1]);
    });
    try {
      if (!data) {
        cols = features.shape[1] as number;
        data = new Float32Array(split.size * cols);
      }
      data.set((readAsync ? await features.data() : features.dataSync()) as Float32Array, start * cols);
    } finally {
      features.dispose();
    }
  }
  return { data: data ?? new Float32Array(0), rows: split.size, cols };
}
