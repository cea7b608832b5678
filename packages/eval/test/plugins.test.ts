import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ConfigError, PluginRegistry } from '@contrastive/core';
import { evalModule } from '../src';
import { blobs } from './helpers';

beforeAll(() => tf.setBackend('cpu'));

describe('evalModule metric plugins', () => {
  const registry = new PluginRegistry().load(evalModule);
  const train = blobs(3, 20, 4, 0.1, 2);
  const test = blobs(3, 8, 4, 0.1, 2);

  it('registers the metric ids', async () => {
    expect(
      registry
        .list('metric')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['cluster-quality', 'knn-accuracy', 'linear-probe', 'retrieval']);
  });

  it('evaluates every metric on separable embeddings', async () => {
    const input = { embeddings: test.x, labels: test.y, train: { embeddings: train.x, labels: train.y } };
    const retrieval = await registry.create('metric', 'retrieval').evaluate(input);
    expect(retrieval).toEqual({ precisionAt1: 1, rPrecision: 1, mapAtR: 1 });
    const clusters = await registry
      .create('metric', { id: 'cluster-quality', options: { seed: 3 } })
      .evaluate(input);
    expect(clusters.nmi).toBeCloseTo(1, 8);
    expect(clusters.ami).toBeCloseTo(1, 8);
    const knn = registry.create('metric', { id: 'knn-accuracy', options: { k: 5 } });
    expect(await knn.evaluate(input)).toEqual({ knnAccuracy: 1 });
    expect(await knn.evaluate({ embeddings: train.x, labels: train.y })).toEqual({ knnAccuracy: 1 }); // leave-one-out
    const probe = registry.create('metric', {
      id: 'linear-probe',
      options: { epochs: 20, batchSize: 16, learningRate: 0.05 },
    });
    expect((await probe.evaluate(input)).linearProbeAccuracy).toBe(1);
    await expect(probe.evaluate({ embeddings: test.x, labels: test.y })).rejects.toThrow(
      /train: the linear-probe metric needs training embeddings/,
    );
  });

  it('rejects unknown and invalid options naming the field', async () => {
    expect(() => registry.create('metric', { id: 'knn-accuracy', options: { k: 0 } })).toThrow(ConfigError);
    expect(() => registry.create('metric', { id: 'knn-accuracy', options: { neighbours: 3 } })).toThrow(
      /metric\.options/,
    );
    expect(() => registry.create('metric', { id: 'linear-probe', options: { scaling: 'zscore' } })).toThrow(
      /scaling/,
    );
  });

  it('does not leak tensors', async () => {
    const probe = registry.create('metric', { id: 'linear-probe', options: { epochs: 2 } });
    const input = { embeddings: test.x, labels: test.y, train: { embeddings: train.x, labels: train.y } };
    await probe.evaluate(input);
    const before = tf.memory().numTensors;
    await probe.evaluate(input);
    await registry.create('metric', 'knn-accuracy').evaluate(input);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads tensor inputs asynchronously only, as GPU backends need (no dataSync or arraySync anywhere)', async () => {
    const reads = [jest.spyOn(tf.Tensor.prototype, 'dataSync'), jest.spyOn(tf.Tensor.prototype, 'arraySync')];
    const tensors = [tf.tensor2d(test.x), tf.tensor1d(test.y, 'int32'), tf.tensor2d(train.x), tf.tensor1d(train.y, 'int32')];
    const [embeddings, labels, trainEmbeddings, trainLabels] = tensors;
    const input = { embeddings, labels, train: { embeddings: trainEmbeddings, labels: trainLabels } };
    for (const id of ['retrieval', 'cluster-quality', 'knn-accuracy', 'linear-probe']) {
      const scores = await registry.create('metric', { id, options: id === 'linear-probe' ? { epochs: 3 } : {} }).evaluate(input);
      expect(Object.values(scores).every(Number.isFinite)).toBe(true);
    }
    for (const read of reads) {
      expect(read).not.toHaveBeenCalled();
      read.mockRestore();
    }
    tf.dispose(tensors);
  });
});
