import { tf, allFinite } from './setup';
import { BarlowTwinsLoss, DCLLoss, DCLWLoss, VICRegLoss, type ContrastiveLoss } from '../src';

const losses: [string, () => ContrastiveLoss][] = [
  ['BarlowTwinsLoss', () => new BarlowTwinsLoss()],
  ['VICRegLoss', () => new VICRegLoss()],
  ['DCLLoss', () => new DCLLoss()],
  ['DCLWLoss', () => new DCLWLoss()],
];

function valueAndGradient(loss: ContrastiveLoss, x: tf.Tensor): { value: number; grad: Float32Array } {
  const { value, grad } = tf.valueAndGrad((f: tf.Tensor) => loss.compute(f))(x);
  const out = { value: value.dataSync()[0], grad: grad.dataSync() as Float32Array };
  tf.dispose([value, grad]);
  return out;
}

describe.each(losses)('%s on two views [N, 2, D]', (name, make) => {
  const loss = make();

  it('is finite, with a finite gradient, on degenerate batches (constant features, identical views, zero rows)', () => {
    const cases = [
      tf.ones([4, 2, 6]),
      tf.tidy(() => tf.stack([tf.randomNormal([5, 6], 0, 1, 'float32', 1), tf.randomNormal([5, 6], 0, 1, 'float32', 1)], 1)),
      tf.tidy(() => tf.concat([tf.zeros([2, 2, 6]), tf.randomNormal([3, 2, 6], 0, 1, 'float32', 2)])),
      tf.tidy(() => tf.mul(tf.randomNormal([4, 2, 6], 0, 1, 'float32', 3), 1e4)),
    ];
    for (const x of cases) {
      const { value, grad } = valueAndGradient(loss, x);
      expect(Number.isFinite(value)).toBe(true);
      expect(allFinite(grad)).toBe(true);
    }
    tf.dispose(cases);
  });

  it('leaks no tensor over 50 compute + gradient calls', () => {
    const x = tf.randomNormal([6, 2, 8], 0, 1, 'float32', 4);
    const step = () => {
      loss.compute(x).dispose();
      valueAndGradient(loss, x);
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('names bad input: not two views, one sample, non-finite values, labels it would ignore', () => {
    const who = new RegExp(`${name}.compute`);
    expect(() => loss.compute(tf.ones([4, 8]))).toThrow(/features must have rank 3 \(\[N, 2, D\]\), got shape \[4, 8\]/);
    expect(() => loss.compute(tf.ones([4, 3, 8]))).toThrow(/exactly 2 views \(\[N, 2, D\]\), got shape \[4, 3, 8\]/);
    expect(() => loss.compute(tf.ones([1, 2, 8]))).toThrow(/at least 2 samples, got N = 1/);
    expect(() => loss.compute(tf.ones([4, 2, 8], 'int32'))).toThrow(/dtype float32/);
    expect(() => loss.compute(tf.fill([4, 2, 8], Number.NaN))).toThrow(/features must contain finite values/);
    expect(() => loss.compute(tf.ones([4, 2, 8]), { labels: tf.tensor1d([0, 1, 0, 1], 'int32') })).toThrow(who);
    expect(() => loss.compute(tf.ones([4, 2, 8]), { labels: tf.tensor1d([0, 1, 0, 1], 'int32') })).toThrow(/supervised: false/);
  });
});
