import * as tf from '@tensorflow/tfjs-core';
import { FeatureDropout } from '@contrastive/augment';
import { expectNoLeak, rng, useCpu } from '../helpers';

useCpu();

const rows = () => tf.add(tf.randomNormal([400, 10], 0, 1, 'float32', 1), 3) as tf.Tensor2D;

describe('FeatureDropout', () => {
  it("'zero' masks about p of the entries with 0, leaves the rest", () => {
    const x = rows();
    const out = new FeatureDropout({ p: 0.3 }).apply(x, rng(2));
    const a = x.dataSync();
    const b = out.dataSync();
    let zeroed = 0;
    b.forEach((v, i) => {
      if (v === 0) zeroed++;
      else expect(v).toBe(a[i]);
    });
    expect(zeroed / b.length).toBeGreaterThan(0.26);
    expect(zeroed / b.length).toBeLessThan(0.34);
    tf.dispose([x, out]);
  });

  it("'marginal' replaces masked entries by the same feature of another row", () => {
    const x = tf.tensor2d(Array.from({ length: 50 * 4 }, (_, i) => (i % 4) * 1000 + Math.floor(i / 4)), [50, 4]);
    const out = new FeatureDropout({ p: 0.5, fill: 'marginal' }).apply(x, rng(3));
    const a = x.arraySync();
    const b = (out as tf.Tensor2D).arraySync();
    let replaced = 0;
    b.forEach((row, i) =>
      row.forEach((v, j) => {
        expect(Math.floor(v / 1000)).toBe(j); // still a value of column j
        if (v !== a[i][j]) replaced++;
      }),
    );
    expect(replaced).toBeGreaterThan(60);
    expectNoLeak(() => new FeatureDropout({ fill: 'marginal' }).apply(x, rng(3)));
    tf.dispose([x, out]);
  });
});
