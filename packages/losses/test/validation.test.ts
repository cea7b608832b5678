import { tf } from './setup';
import { ConfigError } from '@contrastive/core';
import { NTXentLoss, SupConLoss, TripletMarginLoss } from '../src';

describe('bad input gives errors naming the argument, expected vs actual', () => {
  const views = () => tf.ones([4, 2, 3]);
  const rows = () => tf.ones([4, 3]);
  const ints = (values: number[]) => tf.tensor1d(values, 'int32');

  it('rejects bad options with the error a config with them gets', () => {
    expect(() => new SupConLoss({ temperature: 0 })).toThrow(ConfigError);
    expect(() => new SupConLoss({ temperature: 0 })).toThrow(/invalid options for loss 'supcon':\n {2}loss\.options\.temperature: Too small: expected number to be >0/);
    expect(() => new SupConLoss({ baseTemperature: -1 })).toThrow(/options.baseTemperature/);
    expect(() => new SupConLoss({ contrastMode: 'some' as never })).toThrow(/loss\.options\.contrastMode: Invalid option: expected one of "all"\|"one"/);
    expect(() => new SupConLoss({ variant: 'mid' as never })).toThrow(/options.variant/);
    expect(() => new SupConLoss({ noPositive: 'nan' as never })).toThrow(/options.noPositive/);
    expect(() => new NTXentLoss({ temperature: Number.NaN })).toThrow(/options.temperature/);
    expect(() => new TripletMarginLoss({ margin: -0.1 })).toThrow(/loss\.options\.margin: Too small: expected number to be >=0/);
    expect(() => new TripletMarginLoss({ mining: 'hard' as never })).toThrow(/options.mining/);
    expect(() => new TripletMarginLoss({ distance: 'l1' as never })).toThrow(/options.distance/);
  });

  it('SupCon: rank, dtype, labels, mask', () => {
    const loss = new SupConLoss();
    const x = views();
    expect(() => loss.compute(tf.ones([4]))).toThrow(/features must have rank 3 \(\[B, V, D\]\), got shape \[4\]/);
    expect(() => loss.compute(tf.ones([2, 2, 2, 2]))).toThrow(/rank 3/);
    expect(() => loss.compute(tf.ones([4, 2, 3], 'int32'))).toThrow(/dtype float32, got int32/);
    expect(() => loss.compute(x, { labels: ints([0, 1, 2]) })).toThrow(/target.labels has 3 entries but the batch has 4 \(expected shape \[4\]\)/);
    expect(() => loss.compute(x, { labels: tf.ones([4, 1]) as never })).toThrow(/target.labels must be a 1-D tensor/);
    expect(() => loss.compute(x, { labels: tf.tensor1d([0, 1.5, 2, 3]) })).toThrow(/target.labels must contain integer class ids/);
    expect(() => loss.compute(x, { mask: tf.ones([4, 3]) as tf.Tensor2D })).toThrow(/target.mask must have shape \[4, 4\] \(batch x batch\), got \[4, 3\]/);
    expect(() => loss.compute(x, { mask: tf.fill([4, 4], 2) as tf.Tensor2D })).toThrow(/target.mask must contain values in \[0, 1\]/);
    expect(() => loss.compute(x, { labels: ints([0, 1, 2, 3]), mask: tf.eye(4) })).toThrow(/labels or target.mask, not both/);
    expect(() => loss.compute([[1]] as never)).toThrow(/features must be a tf.Tensor, got an array/);
  });

  it('non-finite inputs are rejected, and accepted with validate: false', () => {
    const x = tf.tensor3d([[[1, Number.NaN]], [[0, 1]]], [2, 1, 2]);
    expect(() => new SupConLoss().compute(x)).toThrow(/features must contain finite values/);
    expect(() => new NTXentLoss().compute(tf.tensor2d([[Infinity, 0], [0, 1]]), { labels: ints([0, 0]) })).toThrow(/embeddings must contain finite/);
    const unchecked = new SupConLoss({ validate: false }).compute(x);
    expect(unchecked.shape).toEqual([]);
  });

  it('NT-Xent and triplet want [N, D] and labels', () => {
    const ntxent = new NTXentLoss();
    expect(() => ntxent.compute(views(), { labels: ints([0, 1, 2, 3]) })).toThrow(/rank 2 \(\[N, D\]\), got shape \[4, 2, 3\]; this looks like \[B, V, D\] views/);
    expect(() => ntxent.compute(rows())).toThrow(/target.labels \[4\] is required/);
    expect(() => ntxent.compute(rows(), { mask: tf.eye(4) })).toThrow(/target.mask is not supported/);
    expect(() => ntxent.computePairs(rows() as tf.Tensor2D, tf.ones([3, 3]) as tf.Tensor2D)).toThrow(/refEmbeddings must have the shape of embeddings \[4, 3\], got \[3, 3\]/);
    const triplet = new TripletMarginLoss();
    expect(() => triplet.compute(views(), { labels: ints([0, 1, 2, 3]) })).toThrow(/embeddings must have rank 2/);
    expect(() => triplet.compute(rows(), { labels: ints([0, 1]) })).toThrow(/target.labels has 2 entries but the batch has 4/);
  });

  it('computeWithReference checks the reference set', () => {
    const loss = new SupConLoss();
    const q = rows() as tf.Tensor2D;
    const ql = ints([0, 1, 0, 1]);
    expect(() => loss.computeWithReference(q, ql, { embeddings: tf.ones([5, 2]) as tf.Tensor2D, labels: ints([0, 0, 0, 0, 0]) })).toThrow(
      /reference.embeddings has dimension 2 but queries have 3/,
    );
    expect(() => loss.computeWithReference(q, ql, { embeddings: tf.ones([5, 3]) as tf.Tensor2D, labels: ints([0, 0]) })).toThrow(/reference.labels has 2 entries/);
    const reference = { embeddings: tf.ones([5, 3]) as tf.Tensor2D, labels: ints([0, 0, 0, 0, 0]) };
    expect(() => loss.computeWithReference(q, ql, { ...reference, selfIndex: new Int32Array([0, 1]) })).toThrow(/selfIndex must be an Int32Array of length 4/);
    expect(() => loss.computeWithReference(q, ql, { ...reference, selfIndex: new Int32Array([0, 1, 2, 5]) })).toThrow(/selfIndex\[3\] = 5 is out of range \[-1, 4\]/);
    expect(() => new NTXentLoss().computeWithReference(tf.ones([2, 2, 3]) as never, ql, reference as never)).toThrow(/queries must have rank 2/);
  });

  it('never disposes or mutates its inputs', () => {
    const x = tf.tensor3d([[[1, 0]], [[0, 1]]]);
    const labels = ints([0, 0]);
    new SupConLoss().compute(x, { labels }).dispose();
    new NTXentLoss().compute(tf.reshape(x, [2, 2]), { labels }).dispose();
    expect(x.isDisposed || labels.isDisposed).toBe(false);
    expect(x.arraySync()).toEqual([[[1, 0]], [[0, 1]]]);
  });
});
