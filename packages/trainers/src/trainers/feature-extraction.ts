import * as tf from '@tensorflow/tfjs-core';
import { assertSynchronousReads } from '@contrastive/core';
import { toBatch, type LabeledSplit } from '@contrastive/datasets';

/** Row-major features of a whole split, computed in batches with the model frozen. */
export interface ExtractedFeatures {
  data: Float32Array;
  rows: number;
  cols: number;
}

/**
 * Runs `embed` (encoder features or head embeddings, inference mode) over a split in batches
 * and gathers the results on the host, so a probe can be fitted on precomputed features.
 */
export function extractFeatures(
  embed: (x: tf.Tensor) => tf.Tensor,
  split: LabeledSplit,
  batchSize = 512,
): ExtractedFeatures {
  assertSynchronousReads(tf.getBackend(), 'extractFeatures', "evaluate on a CPU backend (useBackend('wasm')): on GPU backends only training runs so far");
  let data: Float32Array | undefined;
  let cols = 0;
  for (let start = 0; start < split.size; start += batchSize) {
    const indices = Int32Array.from({ length: Math.min(batchSize, split.size - start) }, (_, i) => start + i);
    const features = tf.tidy(() => {
      const { x } = toBatch(split, indices);
      const out = embed(x);
      return out.rank === 2 ? out : tf.reshape(out, [indices.length, -1]);
    });
    if (!data) {
      cols = features.shape[1] as number;
      data = new Float32Array(split.size * cols);
    }
    data.set(features.dataSync() as Float32Array, start * cols);
    features.dispose();
  }
  return { data: data ?? new Float32Array(0), rows: split.size, cols };
}
