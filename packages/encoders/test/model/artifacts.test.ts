import * as tf from '@tensorflow/tfjs-core';
import { createMlpEncoder } from '../../src/encoders/mlp-encoder';
import { createMlpHead } from '../../src/heads/mlp-head';
import { CONTRASTIVE_FORMAT, type ContrastiveTopology } from '../../src/model/artifacts';
import { ContrastiveModel } from '../../src/model/contrastive-model';
import { randomInput, useCpu, weightValues } from '../helpers';

useCpu();

/** An in-memory IOHandler pair, standing in for tfjs' browser handlers (IndexedDB, downloads, http). */
function memoryStore(): { handler: tf.io.IOHandler; saved: () => tf.io.ModelArtifacts } {
  let artifacts: tf.io.ModelArtifacts | undefined;
  return {
    handler: {
      save: async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
      },
      load: async () => artifacts!,
    },
    saved: () => artifacts!,
  };
}

function model(): ContrastiveModel {
  return new ContrastiveModel(
    createMlpEncoder({ inputShape: [3, 2], widths: [5, 4], batchNorm: true, seed: 1 }),
    createMlpHead({ inputDim: 4, outputDim: 3, batchNorm: true, layers: 3, seed: 2 }),
    { encoder: { id: 'mlp', options: { widths: [5, 4] } } },
  );
}

describe('ContrastiveModel.save/load through any tfjs IOHandler (isomorphic)', () => {
  it('packs encoder, head and manifest into one artifact set and restores identical outputs', async () => {
    const original = model();
    const x = randomInput([4, 3, 2]);
    tf.dispose(original.embed(x, true));
    const store = memoryStore();
    const result = await original.save(store.handler);
    const artifacts = store.saved();
    const topology = artifacts.modelTopology as unknown as ContrastiveTopology;
    expect(artifacts.format).toBe(CONTRASTIVE_FORMAT);
    expect(topology.manifest).toEqual({ encoder: { id: 'mlp', options: { widths: [5, 4] } }, inputShape: [3, 2], featureDim: 4, embeddingDim: 3 });
    expect(artifacts.weightSpecs).toHaveLength(original.weights.length);
    expect(result.modelArtifactsInfo.weightDataBytes).toBe(original.countParams() * 4);

    const loaded = await ContrastiveModel.load(store.handler);
    expect(weightValues(loaded.weights)).toEqual(weightValues(original.weights));
    const views = tf.expandDims(x, 1); // V = 1
    const [a, b] = [original.embedViews(views), loaded.embedViews(views)];
    expect(a.shape).toEqual([4, 1, 3]);
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, views, a, b]);
    original.dispose();
    loaded.dispose();
  });

  it('rejects artifacts of another version', async () => {
    const original = model();
    const store = memoryStore();
    await original.save(store.handler);
    (store.saved().modelTopology as unknown as { version: number }).version = 99;
    await expect(ContrastiveModel.load(store.handler)).rejects.toThrow('has format version 99; this package reads version 1');
    await expect(ContrastiveModel.load(42 as unknown as string)).rejects.toThrow('expected a URL string or a tf.io.IOHandler, got number');
    original.dispose();
  });
});
