import * as tf from '@tensorflow/tfjs-core';
import { toBatch, type LabeledSplit } from '@contrastive/datasets';
import type { ExtractedFeatures } from '@contrastive/trainers';

/**
 * The encoder's features of `indices` of a split (default: all), read back asynchronously: on
 * WebGPU and WebGL a synchronous read is refused or stalls, so the library's own (synchronous)
 * feature extraction is not used here.
 */
export async function hostFeatures(
  features: (x: tf.Tensor) => tf.Tensor,
  split: LabeledSplit,
  indices?: Int32Array,
  batchSize = 256,
): Promise<ExtractedFeatures> {
  const all = indices ?? Int32Array.from({ length: split.size }, (_, i) => i);
  let data = new Float32Array(0);
  let cols = 0;
  for (let start = 0; start < all.length; start += batchSize) {
    const batch = all.subarray(start, start + batchSize);
    const out = tf.tidy(() => {
      const y = features(toBatch(split, batch).x);
      return y.rank === 2 ? y : tf.reshape(y, [batch.length, -1]);
    });
    const values = (await out.data()) as Float32Array;
    if (start === 0) {
      cols = out.shape[1] as number;
      data = new Float32Array(all.length * cols);
    }
    out.dispose();
    data.set(values, start * cols);
  }
  return { data, rows: all.length, cols };
}
