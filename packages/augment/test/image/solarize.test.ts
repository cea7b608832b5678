import * as tf from '@tensorflow/tfjs-core';
import { Solarize } from '@contrastive/augment';
import { expectNoLeak, randomImages, rng, useCpu } from '../helpers';

useCpu();

describe('Solarize', () => {
  it('inverts values at or above the threshold', () => {
    const x = tf.tensor4d([0.1, 0.5, 0.7, 1], [1, 2, 2, 1]);
    const out = new Solarize({ threshold: 0.5 }).apply(x, rng());
    const data = Array.from(out.dataSync());
    expect(data[0]).toBeCloseTo(0.1, 6);
    expect(data[1]).toBeCloseTo(0.5, 6);
    expect(data[2]).toBeCloseTo(0.3, 6);
    expect(data[3]).toBeCloseTo(0, 6);
    tf.dispose([x, out]);
  });

  it('with p = 0.5 solarizes about half the images and leaves the others exactly', () => {
    const x = randomImages([200, 3, 3, 1]);
    const out = new Solarize({ p: 0.5 }).apply(x, rng(2));
    const changed = tf.max(tf.abs(tf.sub(out, x)), [1, 2, 3]).dataSync().filter((d) => d > 0).length;
    expect(changed).toBeGreaterThan(80);
    expect(changed).toBeLessThan(120);
    tf.dispose([x, out]);
  });

  it('is deterministic and leak-free', () => {
    const x = randomImages([10, 3, 3, 3]);
    const s = new Solarize({ p: 0.5 });
    expect(s.apply(x, rng(1)).arraySync()).toEqual(s.apply(x, rng(1)).arraySync());
    expectNoLeak(() => s.apply(x, rng(1)));
    x.dispose();
  });
});
