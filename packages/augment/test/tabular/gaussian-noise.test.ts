import * as tf from '@tensorflow/tfjs-core';
import { GaussianNoise } from '@contrastive/augment';
import { expectNoLeak, rng, useCpu } from '../helpers';

useCpu();

const rows = () => tf.add(tf.randomNormal([400, 10], 0, 1, 'float32', 1), 3) as tf.Tensor2D;

describe('GaussianNoise', () => {
  it('adds zero-mean noise of the given std', () => {
    const x = rows();
    const out = new GaussianNoise({ std: 0.5 }).apply(x, rng());
    const { mean, variance } = tf.moments(tf.sub(out, x));
    expect(Math.abs(mean.dataSync()[0])).toBeLessThan(0.03);
    expect(Math.sqrt(variance.dataSync()[0])).toBeCloseTo(0.5, 1);
    tf.dispose([x, out, mean, variance]);
  });

  it('is deterministic, differs across seeds, leak-free; rejects rank-1 input', () => {
    const x = rows();
    const noise = new GaussianNoise();
    expect(noise.apply(x, rng(1)).arraySync()).toEqual(noise.apply(x, rng(1)).arraySync());
    expect(noise.apply(x, rng(1)).arraySync()).not.toEqual(noise.apply(x, rng(2)).arraySync());
    expectNoLeak(() => noise.apply(x, rng(1)));
    const vector = tf.zeros([5]);
    expect(() => noise.apply(vector, rng())).toThrow(/GaussianNoise\.apply: argument 'batch'.*\[B, \.\.\.features\].*rank 1/);
    tf.dispose([x, vector]);
  });
});
