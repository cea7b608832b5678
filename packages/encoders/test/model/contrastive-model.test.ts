import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createMlpEncoder } from '../../src/encoders/mlp-encoder';
import { createResNet } from '../../src/encoders/resnet';
import { createSmallCnn } from '../../src/encoders/small-cnn';
import { createLinearHead } from '../../src/heads/linear-head';
import { createMlpHead } from '../../src/heads/mlp-head';
import { ContrastiveModel } from '../../src/model/contrastive-model';
import { expectNoLeak, randomInput, rowNorms, useCpu, weightValues } from '../helpers';

useCpu();

function tinyResNetModel(seed = 0): ContrastiveModel {
  const encoder = createResNet({ inputShape: [8, 8, 2], width: 2, seed });
  return new ContrastiveModel(encoder, createMlpHead({ inputDim: 16, outputDim: 8, batchNorm: true, seed }));
}

function cnnModel(seed = 0): ContrastiveModel {
  return new ContrastiveModel(createSmallCnn({ inputShape: [8, 8, 1], seed }), createMlpHead({ inputDim: 128, outputDim: 16, seed }));
}

describe('ContrastiveModel forward passes', () => {
  const model = tinyResNetModel();
  afterAll(() => model.dispose());

  it('exposes shapes', () => {
    expect(model.inputShape).toEqual([8, 8, 2]);
    expect(model.featureDim).toBe(16);
    expect(model.embeddingDim).toBe(8);
  });

  it('features [B, F], embed [B, D] with unit rows, in both modes', () => {
    const x = randomInput([3, 8, 8, 2]);
    for (const training of [false, true]) {
      const f = model.features(x, training);
      const e = model.embed(x, training);
      expect(f.shape).toEqual([3, 16]);
      expect(e.shape).toEqual([3, 8]);
      rowNorms(e).forEach((n) => expect(Math.abs(n - 1)).toBeLessThan(1e-5));
      tf.dispose([f, e]);
    }
    x.dispose();
  });

  it('embedViews [B, V, ...] -> [B, V, D] equals embedding each view (inference mode)', () => {
    const views = randomInput([3, 2, 8, 8, 2], 7);
    const z = model.embedViews(views);
    expect(z.shape).toEqual([3, 2, 8]);
    const view1 = tf.squeeze(tf.slice(views, [0, 1, 0, 0, 0], [3, 1, 8, 8, 2]), [1]);
    const e1 = model.embed(view1);
    const z1 = tf.squeeze(tf.slice(z, [0, 1, 0], [3, 1, 8]), [1]);
    expect(tf.max(tf.abs(tf.sub(e1, z1))).dataSync()[0]).toBeLessThan(1e-5);
    rowNorms(tf.reshape(z, [6, 8])).forEach((n) => expect(Math.abs(n - 1)).toBeLessThan(1e-5));
    tf.dispose([views, z, view1, e1, z1]);
  });

  it('training = true runs batch norm in training mode: batch statistics used and moving statistics updated', () => {
    const m = tinyResNetModel(3);
    const x = randomInput([4, 8, 8, 2], 9);
    const stats = weightValues(m.nonTrainableWeights);
    const inference = m.features(x);
    expect(weightValues(m.nonTrainableWeights)).toEqual(stats);
    const training = m.features(x, true);
    expect(weightValues(m.nonTrainableWeights)).not.toEqual(stats);
    expect(tf.max(tf.abs(tf.sub(inference, training))).dataSync()[0]).toBeGreaterThan(1e-3);
    tf.dispose([x, inference, training]);
    m.dispose();
  });

  it('does not leak in features, embed or embedViews (either mode)', () => {
    const x = randomInput([2, 8, 8, 2]);
    const views = randomInput([2, 3, 8, 8, 2]);
    for (const training of [false, true]) {
      expectNoLeak(() => tf.dispose(model.features(x, training)));
      expectNoLeak(() => tf.dispose(model.embed(x, training)));
      expectNoLeak(() => tf.dispose(model.embedViews(views, training)));
    }
    tf.dispose([x, views]);
  });

  it('rejects inputs of the wrong shape or dtype, naming them', () => {
    const bad = tf.zeros([2, 8, 8, 3]);
    const flat = tf.zeros([2, 8, 8, 2]);
    const ints = tf.zeros([2, 8, 8, 2], 'int32');
    expect(() => model.embed(bad)).toThrow('ContrastiveModel.embed: x must have shape [B, 8, 8, 2], got [2, 8, 8, 3]');
    expect(() => model.embedViews(flat)).toThrow('ContrastiveModel.embedViews: views must have shape [B, V, 8, 8, 2], got [2, 8, 8, 2]');
    expect(() => model.features(ints)).toThrow('ContrastiveModel.features: x must be float32, got int32');
    tf.dispose([bad, flat, ints]);
  });

  it('lists weights in a stable order: encoder then head, trainable plus statistics', () => {
    expect(model.weights).toHaveLength(model.encoder.weights.length + model.head.weights.length);
    expect(model.trainableWeights.length + model.nonTrainableWeights.length).toBe(model.weights.length);
    expect(model.weights.map((w) => w.name)).toEqual(model.weights.map((w) => w.name));
    expect(model.weights[0]).toBe(model.encoder.weights[0]);
    expect(model.countParams()).toBe(model.weights.reduce((s, w) => s + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0));
  });

  it('summary describes both parts', () => {
    const lines: string[] = [];
    const text = model.summary((l) => lines.push(l));
    expect(text).toContain('features [B, 16] -> embeddings [B, 8]');
    expect(text).toContain('Encoder');
    expect(text).toContain('contrastive_l2normalize');
    expect(lines).toEqual([text]);
  });
});

describe('ContrastiveModel construction', () => {
  it('rejects a head whose input does not match the encoder features', () => {
    const encoder = createMlpEncoder({ inputShape: [4], widths: [6] });
    const head = createLinearHead({ inputDim: 5 });
    expect(() => new ContrastiveModel(encoder, head)).toThrow("head input must have shape [B, 6] (the encoder's features), got [B, 5]");
    encoder.dispose();
    head.dispose();
  });

  it('rejects an encoder whose output is not [B, F]', () => {
    const conv = createResNet({ inputShape: [4, 4, 1], width: 1 });
    const body = conv.layers[conv.layers.length - 2]; // before global pooling: [B, 1, 1, 8]
    const partial = tfl.model({ inputs: conv.inputs, outputs: body.output as tfl.SymbolicTensor });
    const head = createLinearHead({ inputDim: 8 });
    expect(() => new ContrastiveModel(partial, head)).toThrow('encoder output must have shape [B, F], got [B, 1, 1, 8]');
    conv.dispose();
    head.dispose();
  });

  it('refuses use after dispose', () => {
    const m = cnnModel();
    m.dispose();
    expect(m.isDisposed).toBe(true);
    const x = tf.zeros([1, 8, 8, 1]);
    expect(() => m.embed(x)).toThrow('ContrastiveModel.embed: the model has been disposed');
    x.dispose();
    m.dispose(); // idempotent
  });
});

describe('clone and copyWeightsFrom', () => {
  it('clone has the same architecture and outputs, and independent variables', () => {
    const model = tinyResNetModel(1);
    const x = randomInput([2, 8, 8, 2]);
    tf.dispose(model.features(x, true)); // move the batch-norm statistics away from their initial values
    const copy = model.clone();
    expect(copy.weights.map((w) => w.shape)).toEqual(model.weights.map((w) => w.shape));
    expect(weightValues(copy.weights)).toEqual(weightValues(model.weights));
    const a = model.embed(x);
    const b = copy.embed(x);
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    // Changing the clone leaves the original alone, and disposing the original leaves the clone usable.
    const original = weightValues(model.weights);
    copy.trainableWeights[0].write(tf.onesLike(copy.trainableWeights[0].read()));
    tf.dispose(copy.features(x, true));
    expect(weightValues(model.weights)).toEqual(original);
    model.dispose();
    const c = copy.embed(x);
    expect(c.shape).toEqual([2, 8]);
    tf.dispose([x, a, b, c]);
    copy.dispose();
  });

  it('clone does not leak beyond its own variables', () => {
    const model = cnnModel();
    const before = tf.memory().numTensors;
    const copy = model.clone();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('copyWeightsFrom copies every weight including statistics; rejects other architectures', () => {
    const a = tinyResNetModel(1);
    const b = tinyResNetModel(2);
    const x = randomInput([2, 8, 8, 2]);
    tf.dispose(a.features(x, true));
    b.copyWeightsFrom(a);
    expect(weightValues(b.weights)).toEqual(weightValues(a.weights));
    const other = cnnModel();
    expect(() => b.copyWeightsFrom(other)).toThrow(/copyWeightsFrom: weights: this model has \d+ weights, the other \d+/);
    x.dispose();
    [a, b, other].forEach((m) => m.dispose());
  });
});

describe('momentumUpdateFrom', () => {
  it('computes theta_k <- m theta_k + (1 - m) theta_q over trainable weights and copies statistics by default', () => {
    const key = tinyResNetModel(1);
    const query = tinyResNetModel(2);
    const x = randomInput([4, 8, 8, 2]);
    tf.dispose(query.features(x, true));
    const k0 = weightValues(key.trainableWeights);
    const q0 = weightValues(query.trainableWeights);
    const qStats = weightValues(query.nonTrainableWeights);
    const m = 0.9;
    key.momentumUpdateFrom(query, m);
    const k1 = weightValues(key.trainableWeights);
    k1.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(m * k0[i][j] + (1 - m) * q0[i][j], 5)));
    expect(weightValues(query.trainableWeights)).toEqual(q0);
    expect(weightValues(key.nonTrainableWeights)).toEqual(qStats);
    x.dispose();
    key.dispose();
    query.dispose();
  });

  it("statistics 'ema' averages moving statistics, 'keep' leaves them; m = 1 keeps and m = 0 copies weights", () => {
    const key = tinyResNetModel(1);
    const query = tinyResNetModel(2);
    const x = randomInput([4, 8, 8, 2]);
    tf.dispose(query.features(x, true));
    const kStats = weightValues(key.nonTrainableWeights);
    const qStats = weightValues(query.nonTrainableWeights);
    const k0 = weightValues(key.trainableWeights);
    key.momentumUpdateFrom(query, 1, 'keep');
    expect(weightValues(key.trainableWeights)).toEqual(k0);
    expect(weightValues(key.nonTrainableWeights)).toEqual(kStats);
    key.momentumUpdateFrom(query, 0.5, 'ema');
    weightValues(key.nonTrainableWeights).forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(0.5 * kStats[i][j] + 0.5 * qStats[i][j], 5)));
    key.momentumUpdateFrom(query, 0, 'keep');
    expect(weightValues(key.trainableWeights)).toEqual(weightValues(query.trainableWeights));
    x.dispose();
    key.dispose();
    query.dispose();
  });

  it('does not leak and validates its arguments', () => {
    const key = cnnModel(1);
    const query = cnnModel(2);
    expectNoLeak(() => key.momentumUpdateFrom(query, 0.99));
    expect(() => key.momentumUpdateFrom(query, 1.5)).toThrow('momentum must be a number in [0, 1], got 1.5');
    expect(() => key.momentumUpdateFrom(query, 0.5, 'mean' as never)).toThrow("statistics must be 'copy', 'ema' or 'keep'");
    const other = tinyResNetModel();
    expect(() => key.momentumUpdateFrom(other, 0.5)).toThrow(/trainableWeights: this model has \d+, the source \d+/);
    [key, query, other].forEach((m) => m.dispose());
  });
});
