import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { L2Normalize, l2Normalize } from '../../src/layers/l2-normalize';
import { rowNorms, useCpu } from '../helpers';

useCpu();

describe('L2Normalize', () => {
  it('gives unit rows equal to x / ||x||', () => {
    const x = tf.tensor2d([
      [3, 4],
      [-1, 0],
      [0.001, 0.002],
    ]);
    const y = l2Normalize().apply(x) as tf.Tensor;
    expect(rowNorms(y).every((n) => Math.abs(n - 1) < 1e-6)).toBe(true);
    expect(Array.from(y.dataSync()).slice(0, 2)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    tf.dispose([x, y]);
  });

  it('keeps a zero row finite (zero) and has finite gradients there', () => {
    const x = tf.zeros([1, 3]);
    const layer = l2Normalize();
    const y = layer.apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([0, 0, 0]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(layer.apply(v) as tf.Tensor))(x);
    expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([x, y, g]);
  });

  it('rejects a non-positive epsilon', () => {
    expect(() => new L2Normalize({ epsilon: 0 })).toThrow('epsilon must be > 0');
  });

  it('survives a save/load round trip of a model that contains it', async () => {
    const input = tfl.input({ shape: [4] });
    const model = tfl.model({ inputs: input, outputs: new L2Normalize({ epsilon: 1e-6 }).apply(input) as tfl.SymbolicTensor });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) })));
    expect(JSON.stringify(saved!.modelTopology)).toContain('ContrastiveL2Normalize');
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(saved!));
    const layer = loaded.layers.find((l) => l instanceof L2Normalize) as L2Normalize;
    expect(layer.epsilon).toBe(1e-6);
    const x = tf.tensor2d([[1, 2, 3, 4]]);
    const y = loaded.predict(x) as tf.Tensor;
    expect(rowNorms(y)[0]).toBeCloseTo(1, 6);
    tf.dispose([x, y]);
    model.dispose();
    loaded.dispose();
  });
});
