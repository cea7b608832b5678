import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // its CommonJS bundle registers tfjs-core's gradients
import { CrossBatchMemory } from '../../src/strategies/cross-batch-memory';
import { RecordingLoss, unitRows } from '../helpers';

beforeAll(() => tf.setBackend('cpu'));

const D = 4;

describe('CrossBatchMemory (plumbing)', () => {
  it('enqueues first, then scores the batch against the memory that holds it, self slots removed', () => {
    const loss = new RecordingLoss();
    const memory = new CrossBatchMemory(loss, { size: 5, embeddingDim: D });
    const e1 = unitRows([3, D], 1) as tf.Tensor2D;
    const l1 = tf.tensor1d([0, 1, 0], 'int32');
    tf.dispose(memory.compute(e1, { labels: l1 }));
    expect(loss.last!.reference).toHaveLength(3); // memory starts empty, holds only this batch
    expect(loss.last!.selfIndex).toEqual([0, 1, 2]);
    expect(loss.last!.referenceLabels).toEqual([0, 1, 0]);
    expect(memory.count).toBe(3);

    const e2 = unitRows([3, D], 2) as tf.Tensor2D;
    const l2 = tf.tensor1d([2, 2, 1], 'int32');
    tf.dispose(memory.compute(e2, { labels: l2 }));
    // slots 3, 4 then 0: the batch crosses the end and wraps; all 5 rows are valid
    expect(loss.last!.selfIndex).toEqual([3, 4, 0]);
    expect(loss.last!.referenceLabels).toEqual([1, 1, 0, 2, 2]);
    const e2rows = e2.arraySync();
    expect(loss.last!.reference[3][0]).toBeCloseTo(e2rows[0][0], 6);
    expect(loss.last!.reference[0][0]).toBeCloseTo(e2rows[2][0], 6);
    expect(memory.count).toBe(5);
    tf.dispose([e1, l1, e2, l2]);
    memory.dispose();
  });

  it('flattens [B, V, D] view-major, repeating labels, and gives unlabeled samples fresh ids', () => {
    const loss = new RecordingLoss();
    const memory = new CrossBatchMemory(loss, { size: 12 });
    const e = unitRows([2, 2, D], 3);
    tf.dispose(memory.compute(e));
    expect(loss.last!.queryLabels).toEqual([0, 1, 0, 1]);
    tf.dispose(memory.compute(e));
    expect(loss.last!.queryLabels).toEqual([2, 3, 2, 3]);
    expect(loss.last!.referenceLabels).toEqual([0, 1, 0, 1, 2, 3, 2, 3]);
    const rows = e.arraySync() as number[][][];
    expect(loss.last!.queries[1][0]).toBeCloseTo(rows[1][0][0], 6); // row 1 = view 0 of sample 1
    expect(loss.last!.queries[2][0]).toBeCloseTo(rows[0][1][0], 6); // row 2 = view 1 of sample 0
    e.dispose();
    memory.dispose();
  });

  it('keeps loss() free of side effects: only update() writes', () => {
    const loss = new RecordingLoss();
    const memory = new CrossBatchMemory(loss, { size: 8, embeddingDim: D });
    const e = unitRows([2, D], 4);
    const a = tf.tidy(() => memory.loss({ embeddings: e }).arraySync());
    const b = tf.tidy(() => memory.loss({ embeddings: e }).arraySync());
    expect(b).toBe(a);
    expect(memory.count).toBe(0);
    memory.update();
    expect(memory.count).toBe(2);
    expect(() => memory.update()).toThrow(/update\(\) called without a preceding loss\(\)/);
    e.dispose();
    memory.dispose();
  });

  it('passes gradients only through the batch (the memory is a constant)', () => {
    const loss = new RecordingLoss();
    const memory = new CrossBatchMemory(loss, { size: 6, embeddingDim: D });
    const old = unitRows([3, D], 5) as tf.Tensor2D;
    tf.dispose(memory.compute(old));
    const e = unitRows([2, D], 6) as tf.Tensor2D;
    const grad = tf.grad((x: tf.Tensor) => memory.loss({ embeddings: x }))(e);
    memory.update();
    // RecordingLoss = sum_ij q_i . r_j with r = [old; e] held constant -> dL/dq_i = sum_j r_j
    const expected = tf.tidy(() => tf.tile(tf.sum(tf.concat([old, e]), 0, true), [2, 1]));
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(grad, expected))).dataSync()[0]);
    expect(diff).toBeLessThan(1e-6);
    tf.dispose([old, e, grad, expected]);
    memory.dispose();
  });

  it('rejects a batch larger than the memory and bad inputs with clear errors', () => {
    const loss = new RecordingLoss();
    const memory = new CrossBatchMemory(loss, { size: 3, embeddingDim: D });
    const e = unitRows([2, 2, D], 7);
    expect(() => memory.compute(e)).toThrow(/writes 4 rows \(batch 2 x 2 views\) but the memory size is 3/);
    const wrongDim = unitRows([2, D + 1], 8);
    expect(() => memory.compute(wrongDim)).toThrow(/dimension D = 5, expected 4/);
    const two = unitRows([2, D], 9);
    expect(() => memory.compute(two, { labels: tf.tensor1d([1, 2, 3], 'int32') })).toThrow(
      /labels must have shape \[2\]/,
    );
    expect(() => memory.compute(two, { labels: tf.tensor1d([0.5, 1]) })).toThrow(
      /labels must be integers, got labels\[0\] = 0.5/,
    );
    expect(() => new CrossBatchMemory(loss, { size: 0 })).toThrow(
      /strategy\.options\.size: Too small: expected number to be >0/,
    );
    expect(() => new CrossBatchMemory(undefined, { size: 4 }).loss({ embeddings: two })).toThrow(/no loss/);
    const notReference = { compute: () => tf.scalar(0) };
    expect(() =>
      new CrossBatchMemory(undefined, { size: 4 }).loss({ embeddings: two }, notReference),
    ).toThrow(/has no computeWithReference/);
    tf.dispose([e, wrongDim, two]);
    memory.dispose();
  });

  it('keeps the number of tensors flat over many steps with gradients', () => {
    const loss = new RecordingLoss();
    const memory = new CrossBatchMemory(loss, { size: 10 });
    const e = unitRows([3, 2, D], 10);
    const labels = tf.tensor1d([0, 1, 2], 'int32');
    const step = () => {
      tf.dispose(tf.grad((x: tf.Tensor) => memory.loss({ embeddings: x, labels }))(e));
      memory.update();
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 40; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([e, labels]);
    memory.dispose();
  });

  it('round-trips its state: a restored memory computes the same next loss', async () => {
    const loss = new RecordingLoss();
    const memory = new CrossBatchMemory(loss, { size: 7 });
    for (let s = 0; s < 4; s++) {
      const e = unitRows([3, D], 20 + s);
      tf.dispose(memory.compute(e));
      e.dispose();
    }
    const state = await memory.getState();
    const restored = new CrossBatchMemory(loss, { size: 7 });
    restored.setState({ meta: JSON.parse(JSON.stringify(state.meta)), tensors: state.tensors }); // meta goes through JSON in a checkpoint
    const next = unitRows([3, D], 30);
    const a = tf.tidy(() => memory.compute(next).arraySync());
    const seenA = loss.last!;
    const b = tf.tidy(() => restored.compute(next).arraySync());
    expect(b).toBeCloseTo(a, 6);
    expect(loss.last!.queryLabels).toEqual(seenA.queryLabels);
    expect(loss.last!.selfIndex).toEqual(seenA.selfIndex);
    expect(() => new CrossBatchMemory(loss, { size: 8 }).setState(state)).toThrow(
      /saved memory is \[7, 4\], this one is \[8, 4\]/,
    );
    expect(() => restored.setState({ ...state, meta: { ...state.meta, strategy: 'moco' } })).toThrow(
      /belongs to strategy 'moco'/,
    );
    next.dispose();
    memory.dispose();
    restored.dispose();
  });
});

describe('CrossBatchMemory.validate', () => {
  const computeOnly = {
    compute: () => {
      throw new Error('not called');
    },
  };
  const setup = { batchSize: 8, views: 2, datasetSize: 100, supervised: true };
  it('refuses a loss without computeWithReference (triplet) and a memory smaller than one step', () => {
    expect(() =>
      new CrossBatchMemory(undefined, { size: 64 }).validate({ ...setup, loss: computeOnly }),
    ).toThrow(/cross-batch-memory: the loss \(Object\) has no computeWithReference/);
    expect(() =>
      new CrossBatchMemory(undefined, { size: 8 }).validate({ ...setup, loss: new RecordingLoss() }),
    ).toThrow("cross-batch-memory: options.size 8 is smaller than one step's 16 rows (batch 8 x 2 views)");
    expect(() =>
      new CrossBatchMemory(undefined, { size: 16 }).validate({ ...setup, loss: new RecordingLoss() }),
    ).not.toThrow();
  });
});
