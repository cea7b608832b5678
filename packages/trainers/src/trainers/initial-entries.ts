import * as tf from '@tensorflow/tfjs-core';
import type { InitialEntries } from '@contrastive/memory';
import type { BatchSource } from './batch-source';
import type { TrainableModel } from './trainable-model';

/**
 * The whole training set embedded by the model as it is now (un-augmented inputs, inference
 * mode, so batch-norm statistics are not touched), in dataset-index order: what a memory bank
 * holds before training. Batched so that large datasets do not need one huge forward pass.
 */
export function embedTrainingSet(
  model: TrainableModel,
  data: BatchSource,
  supervised: boolean,
  batchSize = 512,
): InitialEntries {
  const embeddings: tf.Tensor[] = [];
  const labels: tf.Tensor[] = [];
  try {
    for (let start = 0; start < data.size; start += batchSize) {
      const indices = Int32Array.from({ length: Math.min(batchSize, data.size - start) }, (_, i) => start + i);
      tf.tidy(() => {
        const batch = data.batch(indices);
        const views = tf.expandDims(batch.x, 1);
        embeddings.push(tf.keep(tf.squeeze(model.embedViews(views, false), [1])));
        if (supervised) labels.push(tf.keep(tf.cast(batch.labels, 'int32')));
      });
    }
    return tf.tidy(() => ({
      embeddings: tf.concat(embeddings) as tf.Tensor2D,
      labels: supervised ? (tf.concat(labels) as tf.Tensor1D) : undefined,
    }));
  } finally {
    tf.dispose([...embeddings, ...labels]);
  }
}
