import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Standardize, standardize } from '../../src/layers/standardize';
import { useCpu } from '../helpers';

useCpu();

describe('Standardize', () => {
  it('computes (x - mean) / std per channel (last axis)', () => {
    const x = tf.tensor4d([0, 1, 0.5, 0.5], [1, 2, 1, 2]);
    const y = standardize({ mean: [0.5, 0], std: [0.5, 2] }).apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([-1, 0.5, 0, 0.25]);
    tf.dispose([x, y]);
  });

  it('applies one mean and std to every channel', () => {
    const x = tf.tensor4d([0.286, 0.639], [1, 1, 1, 2]);
    const y = standardize({ mean: [0.286], std: [0.353] }).apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([0, expect.closeTo(1, 5)]);
    tf.dispose([x, y]);
  });

  it('rejects statistics that do not fit', () => {
    expect(() => standardize({ mean: [], std: [1] })).toThrow(
      'Standardize: mean must be a non-empty array of finite numbers, got []',
    );
    expect(() => standardize({ mean: [0], std: [0] })).toThrow(
      'Standardize: std must be a non-empty array of numbers > 0, got [0]',
    );
    const input = tfl.input({ shape: [4, 4, 3] });
    expect(() => standardize({ mean: [0, 0], std: [1] }).apply(input)).toThrow(
      'Standardize: mean has 2 values but the input has 3 channels',
    );
  });

  it('survives a save/load round trip of a model that contains it', async () => {
    const input = tfl.input({ shape: [2, 2, 1] });
    const model = tfl.model({
      inputs: input,
      outputs: standardize({ mean: [0.25], std: [0.5] }).apply(input) as tfl.SymbolicTensor,
    });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(
        async (a) => ((saved = a), { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) }),
      ),
    );
    expect(JSON.stringify(saved!.modelTopology)).toContain(Standardize.className);
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(saved!));
    const x = tf.tensor4d([0, 0.25, 0.5, 1], [1, 2, 2, 1]);
    const y = loaded.predict(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([-0.5, 0, 0.5, 1.5]);
    tf.dispose([x, y]);
    model.dispose();
    loaded.dispose();
  });
});
