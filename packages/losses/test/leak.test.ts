import { tf } from './setup';
import { NTXentLoss, SupConLoss, TripletMarginLoss, type ContrastiveLoss } from '../src';

describe('no tensor leaks', () => {
  const views = () =>
    tf.tidy(() => {
      const r = tf.randomNormal([6, 2, 8], 0, 1, 'float32', 21);
      return tf.div(r, tf.norm(r, 'euclidean', -1, true));
    });

  it.each([
    ['supcon', new SupConLoss(), true],
    ['supcon-in one exclude', new SupConLoss({ variant: 'in', contrastMode: 'one', noPositive: 'exclude' }), true],
    ['ntxent', new NTXentLoss(), false],
    ['triplet semi-hard', new TripletMarginLoss({ mining: 'semi-hard' }), false],
    ['triplet batch-hard', new TripletMarginLoss({ mining: 'batch-hard' }), false],
  ] as [string, ContrastiveLoss, boolean][])('%s: numTensors flat over 100 compute + gradient calls', (_, loss, acceptsViews) => {
    const x = views();
    const input = acceptsViews ? x : tf.reshape(x, [12, 8]);
    const labels = tf.tensor1d(acceptsViews ? [0, 1, 2, 0, 1, 2] : [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], 'int32');
    const step = () => {
      loss.compute(input, { labels }).dispose();
      const { value, grad } = tf.valueAndGrad((f: tf.Tensor) => loss.compute(f, { labels }))(input);
      tf.dispose([value, grad]);
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, input, labels]);
  });

  it('computeWithReference and computePairs leak nothing', () => {
    const q = tf.randomNormal([6, 4], 0, 1, 'float32', 1) as tf.Tensor2D;
    const r = tf.randomNormal([6, 4], 0, 1, 'float32', 2) as tf.Tensor2D;
    const labels = tf.tensor1d([0, 1, 0, 1, 2, 2], 'int32');
    const reference = { embeddings: r, labels, selfIndex: new Int32Array([0, 1, 2, -1, -1, 5]) };
    const supcon = new SupConLoss({ noPositive: 'exclude' });
    const ntxent = new NTXentLoss();
    const step = () => {
      for (const loss of [supcon, ntxent]) {
        const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => loss.computeWithReference(x as tf.Tensor2D, labels, reference))(q);
        tf.dispose([value, grad]);
      }
      const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => ntxent.computePairs(x as tf.Tensor2D, r))(q);
      tf.dispose([value, grad]);
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([q, r, labels]);
  });
});
