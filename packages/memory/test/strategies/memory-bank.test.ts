import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // its CommonJS bundle registers tfjs-core's gradients
import { MemoryBank } from '../../src/strategies/memory-bank';
import { RecordingLoss, unitRows } from '../helpers';

beforeAll(() => tf.setBackend('cpu'));

const D = 3;

function normalise(v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

describe('MemoryBank', () => {
  it('starts with seeded random unit vectors', () => {
    const a = new MemoryBank(undefined, { size: 6, embeddingDim: D, seed: 1 });
    const b = new MemoryBank(undefined, { size: 6, embeddingDim: D, seed: 1 });
    const ea = a.entries();
    const eb = b.entries();
    expect(ea.arraySync()).toEqual(eb.arraySync());
    for (const row of ea.arraySync()) expect(Math.hypot(...row)).toBeCloseTo(1, 5);
    tf.dispose([ea, eb]);
    [a, b].forEach((m) => m.dispose());
  });

  it('moves visited entries as v <- normalise(m v + (1 - m) normalise(mean over views))', async () => {
    const bank = new MemoryBank(new RecordingLoss(), {
      size: 5,
      embeddingDim: D,
      momentum: 0.3,
      negatives: 2,
    });
    const before = bank.entries();
    const old = before.arraySync();
    const e = unitRows([2, 2, D], 3);
    const views = e.arraySync() as number[][][];
    tf.tidy(() => bank.loss({ embeddings: e, indices: Int32Array.from([4, 1]) }));
    await bank.update();
    const after = bank.entries().arraySync();
    [4, 1].forEach((index, i) => {
      const f = normalise(views[i][0].map((x, j) => (x + views[i][1][j]) / 2));
      const expected = normalise(old[index].map((v, j) => 0.3 * v + 0.7 * f[j]));
      expected.forEach((x, j) => expect(after[index][j]).toBeCloseTo(x, 5));
    });
    for (const untouched of [0, 2, 3]) expect(after[untouched]).toEqual(old[untouched]);
    tf.dispose([before, e]);
    bank.dispose();
  });

  it('averages the features of a sample that appears twice in a batch', async () => {
    const bank = new MemoryBank(new RecordingLoss(), { size: 4, embeddingDim: D, momentum: 0 });
    const e = tf.tensor3d([[[1, 0, 0]], [[0, 1, 0]]]);
    tf.tidy(() => bank.loss({ embeddings: e, indices: Int32Array.from([2, 2]) }));
    await bank.update();
    const row = bank.entries().arraySync()[2];
    [Math.SQRT1_2, Math.SQRT1_2, 0].forEach((x, j) => expect(row[j]).toBeCloseTo(x, 6));
    e.dispose();
    bank.dispose();
  });

  it('instance discrimination: each view is scored against its own entry plus K sampled entries', async () => {
    const loss = new RecordingLoss();
    const bank = new MemoryBank(loss, { size: 50, embeddingDim: D, negatives: 10, seed: 3 });
    const e = unitRows([3, 2, D], 4);
    const indices = Int32Array.from([7, 30, 12]);
    tf.tidy(() => bank.loss({ embeddings: e, indices }));
    const first = loss.last!;
    expect(first.queryLabels).toEqual([7, 30, 12, 7, 30, 12]);
    expect(first.referenceLabels.slice(0, 3)).toEqual([7, 30, 12]);
    expect(first.referenceLabels).toHaveLength(13);
    const sampled = first.referenceLabels.slice(3);
    expect(new Set(sampled).size).toBe(10);
    sampled.forEach((j) => {
      expect(j).toBeGreaterThanOrEqual(0);
      expect(j).toBeLessThan(50);
      expect([7, 30, 12]).not.toContain(j);
    });
    const entries = bank.entries().arraySync();
    first.reference.forEach((row, r) =>
      row.forEach((x, k) => expect(x).toBeCloseTo(entries[first.referenceLabels[r]][k], 6)),
    );
    // loss() draws from a copy of the RNG: calling it again gives the same sample ...
    tf.tidy(() => bank.loss({ embeddings: e, indices }));
    expect(loss.last!.referenceLabels).toEqual(first.referenceLabels);
    // ... and update() commits the draw, so the next step samples afresh.
    await bank.update();
    tf.tidy(() => bank.loss({ embeddings: e, indices }));
    expect(loss.last!.referenceLabels.slice(3)).not.toEqual(sampled);
    await bank.update();
    e.dispose();
    bank.dispose();
  });

  it('supervised: own entries carry the step labels, sampled ones their stored label (unknown = negative)', async () => {
    const loss = new RecordingLoss();
    const bank = new MemoryBank(loss, { size: 4, embeddingDim: D, negatives: 100 });
    const e = unitRows([2, D], 5);
    const labels = tf.tensor1d([1, 0], 'int32');
    tf.tidy(() => bank.loss({ embeddings: e, indices: Int32Array.from([0, 1]), labels }));
    // K >= size - batch: the whole bank is the reference; entries 2, 3 were never written
    expect(loss.last!.referenceLabels.slice(0, 2)).toEqual([1, 0]);
    const unknown = loss.last!.referenceLabels.slice(2);
    expect(unknown.every((l) => l < 0)).toBe(true);
    expect(new Set(unknown).size).toBe(2);
    await bank.update();
    expect(Array.from(bank.labels())).toEqual([1, 0, -1, -1]);
    tf.tidy(() => bank.loss({ embeddings: e, indices: Int32Array.from([2, 3]), labels }));
    expect(loss.last!.queryLabels).toEqual([1, 0]);
    expect(loss.last!.referenceLabels).toEqual([1, 0, ...loss.last!.referenceLabels.slice(2)]);
    expect([...loss.last!.referenceLabels.slice(2)].sort()).toEqual([0, 1]);
    await bank.update();
    tf.dispose([e, labels]);
    bank.dispose();
  });

  it('fill() writes normalised rows directly', async () => {
    const bank = new MemoryBank(undefined, { size: 3, embeddingDim: 2 });
    const rows = tf.tensor2d([
      [3, 4],
      [0, 2],
    ]);
    await bank.fill(Int32Array.from([2, 0]), rows, tf.tensor1d([5, 6], 'int32'));
    const entries = bank.entries().arraySync();
    expect(entries[2][0]).toBeCloseTo(0.6, 6);
    expect(entries[2][1]).toBeCloseTo(0.8, 6);
    expect(entries[0]).toEqual([0, 1]);
    expect(Array.from(bank.labels())).toEqual([6, -1, 5]);
    rows.dispose();
    bank.dispose();
  });

  describe('initialization', () => {
    const initialEntries = () => ({
      embeddings: tf.tensor2d([
        [3, 4],
        [0, 2],
        [-1, 0],
      ]) as tf.Tensor2D,
      labels: tf.tensor1d([7, 8, 7], 'int32') as tf.Tensor1D,
    });

    it("'auto' fills every entry and label from the trainer's initial embeddings, and frees them", async () => {
      const bank = new MemoryBank(undefined, { size: 3, embeddingDim: 2 });
      const before = tf.memory().numTensors;
      await bank.attach({ initialEntries });
      expect(tf.memory().numTensors).toBe(before);
      const entries = bank.entries();
      const rows = entries.arraySync();
      expect(rows[0][0]).toBeCloseTo(0.6, 6);
      expect(rows[0][1]).toBeCloseTo(0.8, 6);
      expect(rows[1]).toEqual([0, 1]);
      expect(rows[2]).toEqual([-1, 0]);
      expect(Array.from(bank.labels())).toEqual([7, 8, 7]);
      entries.dispose();
      bank.dispose();
    });

    it("'auto' without initial embeddings, and 'random' with them, keep the random unit vectors", async () => {
      const reference = new MemoryBank(undefined, { size: 3, embeddingDim: 2, seed: 4 });
      const auto = new MemoryBank(undefined, { size: 3, embeddingDim: 2, seed: 4 });
      const random = new MemoryBank(undefined, {
        size: 3,
        embeddingDim: 2,
        seed: 4,
        initialization: 'random',
      });
      const hook = jest.fn(initialEntries);
      await auto.attach({});
      await random.attach({ initialEntries: hook });
      expect(hook).not.toHaveBeenCalled();
      const [r, a, b] = [reference, auto, random].map((m) => m.entries());
      expect(a.arraySync()).toEqual(r.arraySync());
      expect(b.arraySync()).toEqual(r.arraySync());
      expect(Array.from(random.labels())).toEqual([-1, -1, -1]);
      tf.dispose([r, a, b]);
      [reference, auto, random].forEach((m) => m.dispose());
    });

    it('does not embed the training set when a checkpoint is about to be restored', async () => {
      const bank = new MemoryBank(undefined, { size: 3, embeddingDim: 2, initialization: 'encoder' });
      const hook = jest.fn(initialEntries);
      await bank.attach({ initialEntries: hook, resuming: true });
      expect(hook).not.toHaveBeenCalled();
      bank.dispose();
    });

    it("'encoder' without initial embeddings, a row count other than size, or an unknown mode is an error", () => {
      const strict = new MemoryBank(undefined, { size: 3, initialization: 'encoder' });
      expect(() => strict.attach({})).toThrow(/initialization 'encoder' needs context.initialEntries/);
      const wrongSize = new MemoryBank(undefined, { size: 4 });
      const before = tf.memory().numTensors;
      expect(() => wrongSize.attach({ initialEntries })).toThrow(
        /initialEntries must be \[4, D\] \(one row per dataset index, options.size = 4\), got \[3,2\]/,
      );
      expect(tf.memory().numTensors).toBe(before);
      expect(() => new MemoryBank(undefined, { size: 3, initialization: 'zeros' as never })).toThrow(
        /strategy\.options\.initialization: Invalid option: expected one of "auto"\|"encoder"\|"random"/,
      );
      [strict, wrongSize].forEach((m) => m.dispose());
    });
  });

  it('passes gradients only through the queries', async () => {
    const loss = new RecordingLoss();
    const bank = new MemoryBank(loss, { size: 4, embeddingDim: D, negatives: 100 });
    const e = unitRows([2, D], 6);
    const entries = bank.entries();
    const grad = tf.grad((x: tf.Tensor) => bank.loss({ embeddings: x, indices: Int32Array.from([1, 3]) }))(e);
    const expected = tf.tidy(() => tf.tile(tf.sum(entries, 0, true), [2, 1]));
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(grad, expected))).dataSync()[0])).toBeLessThan(1e-6);
    await bank.update();
    tf.dispose([e, entries, grad, expected]);
    bank.dispose();
  });

  it('rejects missing or out-of-range indices and bad options', () => {
    const bank = new MemoryBank(new RecordingLoss(), { size: 4 });
    const e = unitRows([2, D], 7);
    expect(() => bank.loss({ embeddings: e })).toThrow(/step.indices .* is required, got undefined/);
    expect(() => bank.loss({ embeddings: e, indices: Int32Array.from([0]) })).toThrow(/must have length 2/);
    expect(() => bank.loss({ embeddings: e, indices: Int32Array.from([0, 4]) })).toThrow(
      /step.indices\[1\] = 4 is outside \[0, 4\)/,
    );
    expect(() => new MemoryBank(undefined, { size: 4, momentum: 1 })).toThrow(/invalid options for strategy 'memory-bank':\n {2}strategy\.options\.momentum: must be < 1 \(1 would never update the bank\)/);
    expect(() => new MemoryBank(undefined, { size: 4, negatives: -1 })).toThrow(
      /strategy\.options\.negatives: Too small: expected number to be >0/,
    );
    e.dispose();
    bank.dispose();
  });

  it('keeps the number of tensors flat over many steps', async () => {
    const loss = new RecordingLoss();
    const bank = new MemoryBank(loss, { size: 30, negatives: 8 });
    const e = unitRows([4, 2, D], 8);
    const labels = tf.tensor1d([0, 1, 0, 1], 'int32');
    let s = 0;
    const step = async () => {
      const indices = Int32Array.from([s % 30, (s + 7) % 30, (s + 13) % 30, (s + 13) % 30]);
      tf.dispose(tf.grad((x: tf.Tensor) => bank.loss({ embeddings: x, indices, labels }))(e));
      await bank.update();
      s++;
    };
    await step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 40; i++) await step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([e, labels]);
    bank.dispose();
  });

  it('round-trips its state: a restored bank samples and scores the same next step', async () => {
    const loss = new RecordingLoss();
    const bank = new MemoryBank(loss, { size: 20, negatives: 5, seed: 9 });
    for (let s = 0; s < 3; s++) {
      const e = unitRows([2, D], 40 + s);
      tf.tidy(() =>
        bank.loss({
          embeddings: e,
          indices: Int32Array.from([s, s + 10]),
          labels: tf.tensor1d([s, 1], 'int32'),
        }),
      );
      await bank.update();
      e.dispose();
    }
    const state = await bank.getState();
    const restored = new MemoryBank(loss, { size: 20, negatives: 5, seed: 'other' });
    restored.setState({ meta: JSON.parse(JSON.stringify(state.meta)), tensors: state.tensors });
    const e = unitRows([2, D], 50);
    const step = { embeddings: e, indices: Int32Array.from([4, 5]) };
    const a = tf.tidy(() => bank.loss(step).arraySync());
    const seen = loss.last!;
    const b = tf.tidy(() => restored.loss(step).arraySync());
    expect(b).toBeCloseTo(a, 6);
    expect(loss.last!.referenceLabels).toEqual(seen.referenceLabels);
    expect(Array.from(restored.labels())).toEqual(Array.from(bank.labels()));
    e.dispose();
    bank.dispose();
    restored.dispose();
  });
});

describe('MemoryBank.validate', () => {
  const computeOnly = {
    compute: () => {
      throw new Error('not called');
    },
  };
  const setup = { batchSize: 8, views: 1, datasetSize: 100, supervised: false };
  it('refuses a size other than the dataset size and a loss without computeWithReference', () => {
    expect(() =>
      new MemoryBank(undefined, { size: 90 }).validate({ ...setup, loss: new RecordingLoss() }),
    ).toThrow(
      'memory-bank: options.size is 90 but the training set has 100 examples (one entry per example)',
    );
    expect(() => new MemoryBank(undefined, { size: 100 }).validate({ ...setup, loss: computeOnly })).toThrow(
      /memory-bank: the loss \(Object\) has no computeWithReference/,
    );
    // One view without labels is instance discrimination: fine for a memory bank.
    expect(() =>
      new MemoryBank(undefined, { size: 100 }).validate({ ...setup, loss: new RecordingLoss() }),
    ).not.toThrow();
  });
});
