import * as tf from '@tensorflow/tfjs-core';
import { RandomScaling } from '@contrastive/augment';
import { expectNoLeak, rng, useCpu } from '../helpers';

useCpu();

const rows = () => tf.add(tf.randomNormal([400, 10], 0, 1, 'float32', 1), 3) as tf.Tensor2D;

describe('RandomScaling', () => {
  it('scales each row by one factor in range', () => {
    const x = rows();
    const out = new RandomScaling({ range: [0.5, 2] }).apply(x, rng(4));
    const ratio = (tf.div(out, x) as tf.Tensor2D).arraySync();
    const factors = ratio.map((row) => {
      row.forEach((v) => expect(v).toBeCloseTo(row[0], 4));
      return row[0];
    });
    expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...factors)).toBeLessThanOrEqual(2);
    expect(new Set(factors.map((f) => f.toFixed(5))).size).toBeGreaterThan(390);
    tf.dispose([x, out]);
  });

  it('perFeature draws one factor per entry; leak-free', () => {
    const x = rows();
    const scaling = new RandomScaling({ range: [0.9, 1.1], perFeature: true });
    const ratio = (tf.div(scaling.apply(x, rng(1)), x) as tf.Tensor2D).arraySync();
    expect(new Set(ratio[0].map((f) => f.toFixed(5))).size).toBe(10);
    expectNoLeak(() => scaling.apply(x, rng(1)));
    expectNoLeak(() => new RandomScaling().apply(x, rng(1)));
    expect(() => new RandomScaling({ range: [2, 1] })).toThrow(/RandomScaling\.range/);
    x.dispose();
  });
});
