import * as tf from '@tensorflow/tfjs-core';
import { embedTrainingSet } from '../../src/trainers/initial-entries';
import { SplitBatchSource } from '../../src/trainers/split-batch-source';
import type { TrainableModel } from '../../src/trainers/trainable-model';
import { blobs, onCpu } from '../support/fixtures';

beforeAll(onCpu);

/** A model whose "embedding" of a view is its first two input values, so rows can be traced. */
function tracingModel(): TrainableModel & { trainingFlags: Array<boolean | undefined> } {
  const trainingFlags: Array<boolean | undefined> = [];
  return {
    trainingFlags,
    embedViews: (views, training) => {
      trainingFlags.push(training);
      const [b, v] = views.shape;
      return tf.slice(views, [0, 0, 0], [b, v, 2]);
    },
    features: () => {
      throw new Error('not used');
    },
    trainableWeights: [],
    weights: [],
  };
}

describe('embedTrainingSet', () => {
  const split = blobs(4, 13, 5, 2); // 52 rows: batches of 16 leave a partial last batch
  const data = new SplitBatchSource(split, { batchSize: 8 });

  it('embeds every training row once, in dataset-index order, un-augmented and in inference mode', () => {
    const model = tracingModel();
    const before = tf.memory().numTensors;
    const { embeddings, labels } = embedTrainingSet(model, data, true, 16);
    expect(embeddings.shape).toEqual([52, 2]);
    const rows = embeddings.arraySync();
    for (let i = 0; i < 52; i++) {
      expect(rows[i][0]).toBeCloseTo(split.x[i * 5], 6);
      expect(rows[i][1]).toBeCloseTo(split.x[i * 5 + 1], 6);
    }
    expect(labels?.dtype).toBe('int32');
    expect(Array.from(labels!.dataSync())).toEqual(Array.from(split.labels));
    expect(model.trainingFlags).toEqual([false, false, false, false]);
    tf.dispose([embeddings, labels!]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves labels out of a self-supervised run', () => {
    const { embeddings, labels } = embedTrainingSet(tracingModel(), data, false);
    expect(labels).toBeUndefined();
    expect(embeddings.shape).toEqual([52, 2]);
    embeddings.dispose();
  });
});
