import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { fitLinearProbe } from '../../src';
import { blobs } from '../helpers';

beforeAll(() => tf.setBackend('cpu'));

describe('fitLinearProbe', () => {
  const train = blobs(3, 40, 5, 0.2, 9);
  const test = blobs(3, 15, 5, 0.2, 9);

  it('separates linearly separable classes', async () => {
    const probe = await fitLinearProbe(train.x, train.y, {
      epochs: 30,
      batchSize: 32,
      learningRate: 0.05,
      seed: 1,
    });
    expect(probe.numClasses).toBe(3);
    expect(await probe.accuracy(train.x, train.y)).toBe(1);
    expect(await probe.accuracy(test.x, test.y)).toBeGreaterThan(0.95);
    expect(probe.history).toHaveLength(30);
    expect(probe.history[29].loss).toBeLessThan(probe.history[0].loss);
    expect(probe.history[29].accuracy).toBe(1);
    probe.dispose();
  });

  it('separates two classes with every scaling and with weight decay', async () => {
    const x = [
      [2, 0.1],
      [1.8, -0.2],
      [2.2, 0.3],
      [-0.1, 2],
      [0.2, 1.9],
      [-0.3, 2.1],
    ];
    const y = [0, 0, 0, 1, 1, 1];
    for (const scaling of ['standardise', 'l2', 'none'] as const) {
      const probe = await fitLinearProbe(x, y, {
        epochs: 60,
        batchSize: 4,
        learningRate: 0.1,
        scaling,
        weightDecay: 1e-3,
      });
      expect(Array.from(await probe.predict(x))).toEqual(y);
      probe.dispose();
    }
  });

  it('cannot fit labels that are not linearly separable (the test can fail)', async () => {
    const x = [
      [0, 0],
      [1, 1],
      [0, 1],
      [1, 0],
    ];
    const probe = await fitLinearProbe(x, [0, 0, 1, 1], { epochs: 100, batchSize: 4, learningRate: 0.1 });
    expect(await probe.accuracy(x, [0, 0, 1, 1])).toBeLessThan(1);
    probe.dispose();
  });

  it('weight decay shrinks the weights (smaller logits)', async () => {
    const options = { epochs: 20, batchSize: 32, learningRate: 0.05, seed: 1 };
    const free = await fitLinearProbe(train.x, train.y, options);
    const decayed = await fitLinearProbe(train.x, train.y, { ...options, weightDecay: 0.5 });
    const a = free.logits(test.x);
    const b = decayed.logits(test.x);
    const spread = (t: tf.Tensor) => tf.tidy(() => tf.moments(t).variance.dataSync()[0]);
    expect(spread(b)).toBeLessThan(spread(a) / 2);
    expect(await decayed.accuracy(test.x, test.y)).toBeGreaterThan(0.9);
    tf.dispose([a, b]);
    free.dispose();
    decayed.dispose();
  });

  it('is deterministic for a seed', async () => {
    const a = await fitLinearProbe(train.x, train.y, { epochs: 3, batchSize: 16, seed: 4 });
    const b = await fitLinearProbe(train.x, train.y, { epochs: 3, batchSize: 16, seed: 4 });
    expect(b.history).toEqual(a.history);
    const la = a.logits(test.x);
    const lb = b.logits(test.x);
    expect(Array.from(lb.dataSync())).toEqual(Array.from(la.dataSync()));
    tf.dispose([la, lb]);
    a.dispose();
    b.dispose();
  });

  it('reports each epoch', async () => {
    const seen: number[] = [];
    const probe = await fitLinearProbe(train.x, train.y, { epochs: 2, onEpochEnd: (r) => seen.push(r.epoch) });
    expect(seen).toEqual([0, 1]);
    probe.dispose();
  });

  it('validates arguments', async () => {
    await expect(fitLinearProbe(train.x, train.y.slice(1))).rejects.toThrow(
      /trainLabels: expected 120 labels \(one per trainFeatures row\), got 119/,
    );
    await expect(fitLinearProbe(train.x, train.y, { epochs: 0 })).rejects.toThrow(
      /invalid options for metric 'linear-probe':\n {2}metric\.options\.epochs: Too small/,
    );
    await expect(fitLinearProbe(train.x, train.y, { learningRate: -1 })).rejects.toThrow(/learningRate/);
    await expect(fitLinearProbe(train.x, train.y, { scaling: 'minmax' as never })).rejects.toThrow(/scaling/);
    await expect(fitLinearProbe([[1], [2]], [0, 0])).rejects.toThrow(/numClasses: expected an integer >= 2/);
    const probe = await fitLinearProbe(train.x, train.y, { epochs: 1 });
    await expect(probe.predict([[1, 2]])).rejects.toThrow(/features: expected 5 columns/);
    await expect(probe.accuracy(test.x, [0])).rejects.toThrow(/labels: expected 45 labels/);
    probe.dispose();
  });

  it('does not leak tensors: only the probe weights remain until dispose', async () => {
    const before = tf.memory().numTensors;
    const probe = await fitLinearProbe(train.x, train.y, { epochs: 2 });
    const held = tf.memory().numTensors;
    expect(held - before).toBe(4); // weights, bias, mean, std
    for (let i = 0; i < 3; i++) await probe.accuracy(test.x, test.y);
    expect(tf.memory().numTensors).toBe(held);
    probe.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
