import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { PluginRegistry, SeededRandom } from '@contrastive/core';
import { lossesModule, SupConLoss, NTXentLoss } from '@contrastive/losses';
import { buildContrastiveModel, encodersModule, type ContrastiveModel } from '@contrastive/encoders';
import { InBatch, MemoryBank, MoCo, memoryModule, type StrategyStep } from '../src';

beforeAll(() => tf.setBackend('cpu'));

/**
 * Toy data: 3 classes whose signal is in 2 of 8 dimensions (points on a circle, small noise);
 * the other 6 dimensions are loud nuisance noise. A random encoder mixes both; contrastive
 * training with labels must learn to keep the signal.
 */
function toyData(n: number, seed: number): { x: Float32Array; labels: Int32Array } {
  const rng = new SeededRandom(seed);
  const x = new Float32Array(n * 8);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    labels[i] = c;
    x[i * 8] = 2 * Math.cos((2 * Math.PI * c) / 3) + rng.normal(0, 0.3);
    x[i * 8 + 1] = 2 * Math.sin((2 * Math.PI * c) / 3) + rng.normal(0, 0.3);
    for (let j = 2; j < 8; j++) x[i * 8 + j] = rng.normal(0, 1.5);
  }
  return { x, labels };
}

/** Mean cosine between embeddings of the same class minus that of different classes. */
function separation(model: ContrastiveModel, x: tf.Tensor2D, labels: Int32Array): number {
  return tf.tidy(() => {
    const e = model.embed(x);
    const sim = tf.matMul(e, e, false, true).arraySync() as number[][];
    let same = 0;
    let sameCount = 0;
    let diff = 0;
    let diffCount = 0;
    sim.forEach((row, i) =>
      row.forEach((s, j) => {
        if (i === j) return;
        if (labels[i] === labels[j]) {
          same += s;
          sameCount++;
        } else {
          diff += s;
          diffCount++;
        }
      }),
    );
    return same / sameCount - diff / diffCount;
  });
}

const N = 240;
const B = 24;
const STEPS = 40;

describe('strategies swapped by config train the same model', () => {
  const registry = new PluginRegistry().load(lossesModule, encodersModule, memoryModule);
  const train = toyData(N, 1);
  const test = toyData(90, 2);

  const configs: Array<{ id: string; options?: Record<string, unknown> }> = [
    { id: 'in-batch' },
    { id: 'cross-batch-memory', options: { size: 4 * B * 2 } },
    { id: 'memory-bank', options: { size: N, negatives: 64, momentum: 0.5 } },
    { id: 'moco', options: { queueSize: 4 * B, momentum: 0.9 } },
  ];

  it.each(configs)('$id: improves class separation on held-out data, without tensor growth', async (config) => {
    const model = buildContrastiveModel(registry, {
      encoder: { id: 'mlp', options: { widths: [32] } },
      head: { id: 'linear', options: { outputDim: 8 } },
      inputShape: [8],
      seed: 3,
    });
    const loss = registry.create('loss', {
      id: 'supcon',
      options: { temperature: 0.2, baseTemperature: 0.2 },
    });
    const strategy = registry.create('strategy', config);
    await strategy.attach({ model, totalSteps: STEPS });
    const xTest = tf.tensor2d(test.x, [90, 8]);
    const before = separation(model, xTest, test.labels);

    const rng = new SeededRandom(4);
    const optimizer = tf.train.adam(0.01);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    let order = rng.permutation(N);
    let counts: number[] = [];
    for (let s = 0; s < STEPS; s++) {
      if (order.length < B) order = rng.permutation(N);
      const indices = Int32Array.from(order.splice(0, B));
      const rows = new Float32Array(B * 8);
      indices.forEach((index, k) => rows.set(train.x.subarray(index * 8, index * 8 + 8), k * 8));
      const labelValues = Int32Array.from(indices, (index) => train.labels[index]);
      const x = tf.tensor2d(rows, [B, 8]);
      const labels = tf.tensor1d(labelValues, 'int32');
      // two views: additive gaussian noise (seeded)
      const views = tf.tidy(() =>
        tf.stack(
          [0, 1].map(() => tf.add(x, tf.randomNormal([B, 8], 0, 0.5, 'float32', rng.nextSeed()))),
          1,
        ),
      );
      optimizer.minimize(
        () => {
          const step: StrategyStep = { embeddings: model.embedViews(views, true), labels, indices, views };
          return strategy.loss(step, loss);
        },
        false,
        variables,
      );
      await strategy.update();
      tf.dispose([x, labels, views]);
      counts.push(tf.memory().numTensors);
    }
    counts = counts.slice(5);
    expect(Math.max(...counts)).toBe(Math.min(...counts));
    const after = separation(model, xTest, test.labels);
    // indicative: 0.34 before, 1.0-1.2 after (of at most 1.5 for three classes)
    expect(after).toBeGreaterThan(before + 0.4);
    strategy.dispose();
    optimizer.dispose();
    xTest.dispose();
    model.dispose();
  });
});

describe('with the real losses and models', () => {
  const registry = new PluginRegistry().load(encodersModule);

  it('in-batch: SupCon on [B, V, D] (auto) equals the flattened batch with per-view labels', () => {
    const e = tf.tidy(() => {
      const r = tf.randomNormal([5, 2, 4], 0, 1, 'float32', 1);
      return tf.div(r, tf.norm(r, 'euclidean', -1, true));
    });
    const labels = tf.tensor1d([0, 1, 0, 2, 1], 'int32');
    const loss = new SupConLoss({ temperature: 0.1 });
    for (const target of [labels, undefined]) {
      const auto = tf.tidy(() => new InBatch().loss({ embeddings: e, labels: target }, loss).dataSync()[0]);
      const flat = tf.tidy(
        () => new InBatch({ layout: 'flat' }).loss({ embeddings: e, labels: target }, loss).dataSync()[0],
      );
      expect(Math.abs(auto - flat) / auto).toBeLessThan(1e-5);
    }
    // NT-Xent takes [N, D]: auto flattens for it
    expect(() =>
      tf.tidy(() => new InBatch().loss({ embeddings: e }, new NTXentLoss({ temperature: 0.1 }))),
    ).not.toThrow();
    tf.dispose([e, labels]);
  });

  it('memory bank: the real SupCon accepts its negative ids for never-written entries', async () => {
    const bank = new MemoryBank(
      new SupConLoss({ temperature: 0.1, baseTemperature: 0.1, noPositive: 'exclude' }),
      { size: 10, negatives: 6 },
    );
    const e = tf.tidy(() => {
      const r = tf.randomNormal([3, 2, 4], 0, 1, 'float32', 2);
      return tf.div(r, tf.norm(r, 'euclidean', -1, true));
    });
    const labels = tf.tensor1d([0, 1, 0], 'int32');
    const { value, grad } = tf.valueAndGrad((x: tf.Tensor) =>
      bank.loss({ embeddings: x, labels, indices: Int32Array.from([1, 5, 7]) }),
    )(e);
    await bank.update();
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    expect(Array.from(grad.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([e, labels, value, grad]);
    bank.dispose();
  });

  it('MoCo with a ContrastiveModel: its own momentumUpdateFrom, no gradient to the key model, state round trip', async () => {
    const build = () =>
      buildContrastiveModel(registry, {
        encoder: { id: 'mlp', options: { widths: [16], batchNorm: true } },
        head: { id: 'linear', options: { outputDim: 6 } },
        inputShape: [5],
        seed: 7,
      });
    const model = build();
    const moco = new MoCo(new NTXentLoss({ temperature: 0.2 }), { queueSize: 16, momentum: 0.8 });
    moco.attach({ model });
    const key = moco.keyEncoder as ContrastiveModel;
    const views = tf.randomNormal([4, 2, 5], 0, 1, 'float32', 3);
    const queryVars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const keyVars = key.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(
      () => moco.loss({ embeddings: model.embedViews(views, true), views }),
      [...queryVars, ...keyVars],
    );
    expect(Object.keys(grads).sort()).toEqual(queryVars.map((v) => v.name).sort());
    tf.dispose([value, ...Object.values(grads)]);
    moco.update();

    const optimizer = tf.train.sgd(0.2);
    for (let s = 0; s < 3; s++) {
      optimizer.minimize(
        () => moco.loss({ embeddings: model.embedViews(views, true), views }),
        false,
        queryVars,
      );
      moco.update();
    }
    // EMA check on the first kernel: k' = m k + (1 - m) q
    const k0 = key.trainableWeights[0].read().dataSync().slice();
    optimizer.minimize(
      () => moco.loss({ embeddings: model.embedViews(views, true), views }),
      false,
      queryVars,
    );
    const q1 = model.trainableWeights[0].read().dataSync().slice();
    moco.update();
    const k1 = key.trainableWeights[0].read().dataSync();
    k1.forEach((v, i) => expect(v).toBeCloseTo(0.8 * k0[i] + 0.2 * q1[i], 5));
    // the default 'copy' policy: the key model's batch-norm statistics are the query model's
    expect(Array.from(key.nonTrainableWeights[0].read().dataSync())).toEqual(
      Array.from(model.nonTrainableWeights[0].read().dataSync()),
    );

    const state = await moco.getState();
    const twin = model.clone();
    const restored = new MoCo(new NTXentLoss({ temperature: 0.2 }), { queueSize: 16, momentum: 0.8 });
    restored.attach({ model: twin });
    restored.setState(state);
    const next = tf.tidy(() => moco.loss({ embeddings: model.embedViews(views), views }).dataSync()[0]);
    const nextRestored = tf.tidy(
      () => restored.loss({ embeddings: twin.embedViews(views), views }).dataSync()[0],
    );
    expect(Math.abs(next - nextRestored)).toBeLessThan(1e-5);
    [moco, restored].forEach((m) => m.dispose());
    optimizer.dispose();
    views.dispose();
    model.dispose();
    twin.dispose();
  });
});
