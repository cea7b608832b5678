import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // its CommonJS bundle registers tfjs-core's gradients
import { MoCo } from '../../src/strategies/moco';
import { momentumAt } from '../../src/moco/momentum-schedule';
import { RecordingLoss, closeTo } from '../helpers';
import { TinyModel } from '../tiny-model';

beforeAll(() => tf.setBackend('cpu'));

const B = 4;
const INPUT = [3, 2];
const D = 5;

function views(seed: number, v = 2): tf.Tensor {
  return tf.randomNormal([B, v, ...INPUT], 0, 1, 'float32', seed);
}

/** Query embeddings [B, V, D] of the views through `model`. */
function embedViews(model: TinyModel, x: tf.Tensor): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, v] = x.shape;
    const flat = tf.reshape(x, [b * v, ...x.shape.slice(2)]);
    return tf.reshape(model.embed(flat), [b, v, D]) as tf.Tensor3D;
  });
}

function weightValues(model: TinyModel): Float32Array[] {
  return model.trainableWeights.map((w) => w.read().dataSync() as Float32Array).map((a) => a.slice());
}

describe('MoCo', () => {
  it('computes keys with the momentum copy and scores view-1 queries against keys + queue', () => {
    const model = TinyModel.create(INPUT, D, 1);
    const moco = new MoCo(undefined, { queueSize: 16, momentum: 0.9 });
    moco.attach({ model });
    const loss = new RecordingLoss();
    const x = views(2);
    const labels = tf.tensor1d([0, 1, 0, 1], 'int32');
    tf.tidy(() => moco.loss({ embeddings: embedViews(model, x), views: x, labels }, loss));
    const expectedKeys = tf.tidy(() =>
      moco.keyEncoder!.embed(tf.squeeze(tf.slice(x, [0, 1, 0, 0], [B, 1, ...INPUT]), [1])).arraySync(),
    ) as number[][];
    const expectedQueries = tf.tidy(() =>
      tf.squeeze(tf.slice(embedViews(model, x), [0, 0, 0], [B, 1, D]), [1]).arraySync(),
    );
    const seen = loss.last!;
    expect(seen.reference.length).toBe(B); // empty queue: the batch keys only
    seen.reference.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expectedKeys[i][j], 5)));
    seen.queries.forEach((row, i) =>
      row.forEach((v, j) => expect(v).toBeCloseTo((expectedQueries as number[][])[i][j], 5)),
    );
    expect(seen.queryLabels).toEqual([0, 1, 0, 1]);
    expect(seen.referenceLabels).toEqual([0, 1, 0, 1]);
    moco.update();
    expect(moco.queued).toBe(B);

    const x2 = views(3);
    tf.tidy(() => moco.loss({ embeddings: embedViews(model, x2), views: x2, labels }, loss));
    expect(loss.last!.reference.length).toBe(2 * B); // batch keys, then the queue
    expect(loss.last!.referenceLabels).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    moco.update();
    tf.dispose([x, x2, labels]);
    moco.dispose();
    model.dispose();
  });

  it('gives each sample a fresh instance id without labels (its own key is its only positive)', () => {
    const model = TinyModel.create(INPUT, D, 1);
    const moco = new MoCo(undefined, { queueSize: 16 });
    moco.attach({ model });
    const loss = new RecordingLoss();
    for (let s = 0; s < 2; s++) {
      const x = views(10 + s);
      tf.tidy(() => moco.loss({ embeddings: embedViews(model, x), views: x }, loss));
      moco.update();
      x.dispose();
    }
    expect(loss.last!.queryLabels).toEqual([4, 5, 6, 7]);
    expect(loss.last!.referenceLabels).toEqual([4, 5, 6, 7, 0, 1, 2, 3]);
    moco.dispose();
    model.dispose();
  });

  it('lets no gradient reach the key encoder', () => {
    const model = TinyModel.create(INPUT, D, 1);
    const moco = new MoCo(undefined, { queueSize: 16 });
    moco.attach({ model });
    const key = moco.keyEncoder as TinyModel;
    const loss = new RecordingLoss();
    const x = views(4);
    const all = [...model.variables(), ...key.variables()];
    const { value, grads } = tf.variableGrads(
      () => moco.loss({ embeddings: embedViews(model, x), views: x }, loss),
      all,
    );
    for (const v of model.variables()) expect(grads[v.name]).toBeDefined();
    for (const v of key.variables()) expect(grads[v.name]).toBeUndefined();
    tf.dispose([value, ...Object.values(grads), x]);
    moco.update();
    moco.dispose();
    model.dispose();
  });

  it('updates the key encoder as theta_k = m theta_k + (1 - m) theta_q after the query step', () => {
    const model = TinyModel.create(INPUT, D, 1);
    const moco = new MoCo(undefined, { queueSize: 16, momentum: 0.75 });
    moco.attach({ model });
    const key = moco.keyEncoder as TinyModel;
    const before = weightValues(key);
    expect(before).toEqual(weightValues(model)); // the clone starts equal
    const x = views(5);
    const optimizer = tf.train.sgd(0.5);
    optimizer.minimize(
      () => moco.loss({ embeddings: embedViews(model, x), views: x }, new RecordingLoss()),
      false,
      model.variables(),
    );
    const query = weightValues(model);
    expect(query[0]).not.toEqual(before[0]);
    moco.update();
    const after = weightValues(key);
    after.forEach((w, i) =>
      w.forEach((v, j) => expect(v).toBeCloseTo(0.75 * before[i][j] + 0.25 * query[i][j], 6)),
    );
    optimizer.dispose();
    x.dispose();
    moco.dispose();
    model.dispose();
  });

  it('follows a cosine momentum schedule from m0 to 1', () => {
    expect(momentumAt(0.996, 'cosine', 0, 100)).toBeCloseTo(0.996, 12);
    expect(momentumAt(0.996, 'cosine', 50, 100)).toBeCloseTo(0.998, 12);
    expect(momentumAt(0.996, 'cosine', 100, 100)).toBeCloseTo(1, 12);
    expect(momentumAt(0.996, 'cosine', 150, 100)).toBeCloseTo(1, 12);
    expect(momentumAt(0.9, 'constant', 70)).toBe(0.9);
    const model = TinyModel.create(INPUT, D, 1);
    const moco = new MoCo(undefined, { queueSize: 16, momentum: 0.9, schedule: 'cosine' });
    expect(() => moco.attach({ model })).toThrow(/cosine momentum schedule needs context.totalSteps/);
    moco.attach({ model, totalSteps: 4 });
    const seen: number[] = [];
    for (let s = 0; s < 4; s++) {
      seen.push(moco.currentMomentum);
      const x = views(20 + s);
      tf.tidy(() => moco.loss({ embeddings: embedViews(model, x), views: x }, new RecordingLoss()));
      moco.update();
      x.dispose();
    }
    expect(seen[0]).toBeCloseTo(0.9, 10);
    expect(seen[2]).toBeCloseTo(0.95, 10);
    expect(seen.every((m, i) => i === 0 || m > seen[i - 1])).toBe(true);
    moco.dispose();
    model.dispose();
  });

  it('averages both view orders when symmetric', () => {
    const model = TinyModel.create(INPUT, D, 1);
    const x = views(6);
    const asym = new MoCo(undefined, { queueSize: 16 });
    asym.attach({ model });
    const sym = new MoCo(undefined, { queueSize: 16, symmetric: true });
    sym.attach({ model });
    const loss = new RecordingLoss();
    const a = tf.tidy(() => asym.loss({ embeddings: embedViews(model, x), views: x }, loss).arraySync());
    const s = tf.tidy(() => sym.loss({ embeddings: embedViews(model, x), views: x }, loss).arraySync());
    // RecordingLoss sums q.k over all pairs: both orders give the same sum for identical models.
    expect(closeTo(s, a, 1e-5)).toBe(true);
    expect(loss.last!.queries.length).toBe(B);
    [asym, sym].forEach((m) => {
      m.update();
      m.dispose();
    });
    x.dispose();
    model.dispose();
  });

  it('restores queue, counters and key weights so the next loss is identical', async () => {
    const model = TinyModel.create(INPUT, D, 1);
    const moco = new MoCo(undefined, { queueSize: 8, momentum: 0.5 });
    moco.attach({ model });
    const optimizer = tf.train.sgd(0.3);
    const loss = new RecordingLoss();
    for (let s = 0; s < 3; s++) {
      const x = views(30 + s);
      optimizer.minimize(
        () => moco.loss({ embeddings: embedViews(model, x), views: x }, loss),
        false,
        model.variables(),
      );
      moco.update();
      x.dispose();
    }
    const state = await moco.getState();
    const twin = model.clone();
    const restored = new MoCo(undefined, { queueSize: 8, momentum: 0.5 });
    restored.setState(state); // before attach: weights are applied by attach
    restored.attach({ model: twin });
    expect(restored.steps).toBe(3);
    const x = views(40);
    const next = tf.tidy(() => moco.loss({ embeddings: embedViews(model, x), views: x }, loss).arraySync());
    const nextRestored = tf.tidy(() =>
      restored.loss({ embeddings: embedViews(twin, x), views: x }, loss).arraySync(),
    );
    expect(nextRestored).toBeCloseTo(next, 5);
    expect(() => new MoCo(undefined, { queueSize: 9 }).setState(state)).toThrow(
      /queue holds 8 keys, this one 9/,
    );
    [moco, restored].forEach((m) => m.dispose());
    tf.dispose([x]);
    optimizer.dispose();
    model.dispose();
    twin.dispose();
  });

  it('keeps the number of tensors flat over many training steps', () => {
    const model = TinyModel.create(INPUT, D, 1, true);
    const moco = new MoCo(undefined, { queueSize: 12, momentum: 0.9 });
    moco.attach({ model });
    const optimizer = tf.train.sgd(0.1);
    const loss = new RecordingLoss();
    const x = views(7);
    const labels = tf.tensor1d([0, 1, 1, 0], 'int32');
    const step = () => {
      optimizer.minimize(
        () => moco.loss({ embeddings: embedViews(model, x), views: x, labels }, loss),
        false,
        model.variables(),
      );
      moco.update();
    };
    step();
    step();
    const before = tf.memory().numTensors;
    for (let s = 0; s < 30; s++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, labels]);
    optimizer.dispose();
    moco.dispose();
    model.dispose();
  });

  it('rejects bad steps with clear errors', () => {
    const model = TinyModel.create(INPUT, D, 1);
    const moco = new MoCo(undefined, { queueSize: 4 });
    const loss = new RecordingLoss();
    const x = views(8);
    const e = embedViews(model, x);
    expect(() => moco.loss({ embeddings: e, views: x }, loss)).toThrow(
      /call attach\(\{ model \}\) before the first step/,
    );
    moco.attach({ model });
    expect(() => moco.loss({ embeddings: e }, loss)).toThrow(
      /step.views must be the augmented views \[4, 2, \.\.\.inputShape\]/,
    );
    const one = tf.slice(e, [0, 0, 0], [B, 1, D]);
    expect(() => moco.loss({ embeddings: one, views: x }, loss)).toThrow(/at least 2 views/);
    expect(() => moco.update()).toThrow(/without a preceding loss/);
    const big = new MoCo(undefined, { queueSize: 3 });
    big.attach({ model });
    expect(() => big.loss({ embeddings: e, views: x }, loss)).toThrow(/enqueues 4 keys .* queueSize is 3/);
    expect(() => new MoCo(undefined, { momentum: 1.5 })).toThrow(
      /strategy\.options\.momentum: Too big: expected number to be <=1/,
    );
    tf.dispose([x, e, one]);
    [moco, big].forEach((m) => m.dispose());
    model.dispose();
  });
});

describe('MoCo.validate', () => {
  const computeOnly = {
    compute: () => {
      throw new Error('not called');
    },
  };
  const setup = { batchSize: 8, views: 2, datasetSize: 100, supervised: false, loss: new RecordingLoss() };
  it('refuses one view, a symmetric loss without exactly 2 views, a queue smaller than a step, a plain loss', () => {
    expect(() => new MoCo(undefined, { queueSize: 64 }).validate({ ...setup, views: 1 })).toThrow(
      /moco: needs at least 2 views/,
    );
    expect(() =>
      new MoCo(undefined, { queueSize: 64, symmetric: true }).validate({ ...setup, views: 3 }),
    ).toThrow(/moco: options\.symmetric needs exactly 2 views/);
    expect(() => new MoCo(undefined, { queueSize: 4 }).validate(setup)).toThrow(
      "moco: options.queueSize 4 is smaller than one step's 8 keys (batch 8 x 1 key views)",
    );
    expect(() => new MoCo(undefined, { queueSize: 64 }).validate({ ...setup, loss: computeOnly })).toThrow(
      /moco: the loss \(Object\) has no computeWithReference/,
    );
    expect(() => new MoCo(undefined, { queueSize: 64 }).validate(setup)).not.toThrow();
  });
});
