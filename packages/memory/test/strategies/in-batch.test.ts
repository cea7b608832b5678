import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { ContrastiveLoss, LossTarget } from '@contrastive/losses';
import { InBatch } from '../../src/strategies/in-batch';
import { unitRows } from '../helpers';

beforeAll(() => tf.setBackend('cpu'));

/** Records the shape and labels `compute` received. */
class ShapeLoss implements ContrastiveLoss {
  seen: { shape: number[]; labels?: number[] } | undefined;
  constructor(readonly acceptsViews?: boolean) {}
  compute(embeddings: tf.Tensor, target?: LossTarget): tf.Scalar {
    this.seen = {
      shape: embeddings.shape,
      labels: target?.labels ? Array.from(target.labels.dataSync()) : undefined,
    };
    return tf.sum(embeddings);
  }
}

describe('InBatch', () => {
  const e = () => unitRows([3, 2, 4], 1);

  it("'views' passes [B, V, D] and the labels as given", () => {
    const loss = new ShapeLoss();
    const strategy = new InBatch({ layout: 'views' });
    const x = e();
    const labels = tf.tensor1d([0, 1, 0], 'int32');
    tf.dispose(strategy.loss({ embeddings: x, labels }, loss));
    expect(loss.seen).toEqual({ shape: [3, 2, 4], labels: [0, 1, 0] });
    tf.dispose(strategy.loss({ embeddings: x }, loss));
    expect(loss.seen).toEqual({ shape: [3, 2, 4], labels: undefined });
    strategy.update();
    tf.dispose([x, labels]);
  });

  it("'flat' passes [V*B, D] view-major with labels per view, or sample ids", () => {
    const loss = new ShapeLoss();
    const strategy = new InBatch({ layout: 'flat' });
    const x = e();
    const labels = tf.tensor1d([5, 6, 5], 'int32');
    tf.dispose(strategy.loss({ embeddings: x, labels }, loss));
    expect(loss.seen).toEqual({ shape: [6, 4], labels: [5, 6, 5, 5, 6, 5] });
    tf.dispose(strategy.loss({ embeddings: x }, loss));
    expect(loss.seen).toEqual({ shape: [6, 4], labels: [0, 1, 2, 0, 1, 2] });
    tf.dispose([x, labels]);
  });

  it("'auto' follows the loss's acceptsViews flag", () => {
    const strategy = new InBatch();
    const x = e();
    const views = new ShapeLoss(true);
    const flat = new ShapeLoss();
    tf.dispose(strategy.loss({ embeddings: x }, views));
    tf.dispose(strategy.loss({ embeddings: x }, flat));
    expect(views.seen!.shape).toEqual([3, 2, 4]);
    expect(flat.seen!.shape).toEqual([6, 4]);
    x.dispose();
  });

  it('keeps no state, leaks nothing and checks its inputs', async () => {
    const strategy = new InBatch();
    const loss = new ShapeLoss();
    const x = e();
    tf.dispose(strategy.loss({ embeddings: x }, loss));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      tf.dispose(strategy.loss({ embeddings: x }, loss));
      strategy.update();
    }
    expect(tf.memory().numTensors).toBe(before);
    const state = await strategy.getState();
    expect(state.tensors).toEqual({});
    new InBatch().setState(state);
    expect(() => strategy.update()).toThrow(/without a preceding loss/);
    expect(() => strategy.loss({ embeddings: x })).toThrow(/needs the experiment's loss/);
    const vector = tf.zeros([2]);
    expect(() => strategy.loss({ embeddings: vector }, loss)).toThrow(
      /shape \[B, V, D\] or \[N, D\], got rank 1/,
    );
    vector.dispose();
    expect(() => new InBatch({ layout: 'rows' as never })).toThrow(/strategy\.options\.layout: Invalid option: expected one of/);
    x.dispose();
  });
});

describe('InBatch.validate', () => {
  const setup = { batchSize: 8, views: 2, datasetSize: 100, supervised: false };
  it('refuses a self-supervised run with one view: no sample would have a positive', () => {
    expect(() => new InBatch().validate({ ...setup, views: 1 })).toThrow(
      'in-batch: a self-supervised run needs at least 2 views per sample (pretrain.views is 1)',
    );
  });
  it('accepts two views, or one view with labels', () => {
    expect(() => new InBatch().validate(setup)).not.toThrow();
    expect(() => new InBatch().validate({ ...setup, views: 1, supervised: true })).not.toThrow();
  });
});
