import * as tf from '@tensorflow/tfjs-core';
import { LUMA_RGB, RandomGrayscale } from '@contrastive/augment';
import { expectNoLeak, maxAbsDiff, randomImages, rng, useCpu } from '../helpers';

useCpu();

describe('RandomGrayscale', () => {
  it('p = 1: every channel equals the luma 0.2989 R + 0.587 G + 0.114 B', () => {
    const x = randomImages([3, 4, 4, 3]);
    const out = new RandomGrayscale({ p: 1 }).apply(x, rng());
    const luma = tf.sum(tf.mul(x, tf.tensor1d([...LUMA_RGB])), 3, true);
    const [r, g, b] = tf.split(out, 3, 3);
    expect(maxAbsDiff(r.dataSync(), luma.dataSync())).toBeLessThan(1e-6);
    expect(g.arraySync()).toEqual(r.arraySync());
    expect(b.arraySync()).toEqual(r.arraySync());
    tf.dispose([x, out, luma, r, g, b]);
  });

  it('p = 0.2 converts about a fifth of 300 images and leaves the rest untouched', () => {
    const x = randomImages([300, 2, 2, 3]);
    const out = new RandomGrayscale({ p: 0.2 }).apply(x, rng(4));
    const spread = tf.max(tf.sub(tf.max(out, 3), tf.min(out, 3)), [1, 2]).dataSync();
    const same = tf.max(tf.abs(tf.sub(out, x)), [1, 2, 3]).dataSync();
    let converted = 0;
    spread.forEach((s, i) => {
      if (s < 1e-6) converted++;
      else expect(same[i]).toBe(0);
    });
    expect(converted).toBeGreaterThan(40);
    expect(converted).toBeLessThan(80);
    tf.dispose([x, out]);
  });

  it('leaves single-channel images unchanged; non-RGB channel counts use the channel mean', () => {
    const one = randomImages([2, 3, 3, 1]);
    const four = randomImages([2, 3, 3, 4]);
    const a = new RandomGrayscale({ p: 1 }).apply(one, rng());
    const b = new RandomGrayscale({ p: 1 }).apply(four, rng());
    expect(a.arraySync()).toEqual(one.arraySync());
    const mean = tf.tile(tf.mean(four, 3, true), [1, 1, 1, 4]);
    expect(maxAbsDiff(b.dataSync(), mean.dataSync())).toBeLessThan(1e-6);
    tf.dispose([one, four, a, b, mean]);
  });

  it('is deterministic and leak-free', () => {
    const x = randomImages([16, 2, 2, 3]);
    const gray = new RandomGrayscale({ p: 0.5 });
    expect(gray.apply(x, rng(1)).arraySync()).toEqual(gray.apply(x, rng(1)).arraySync());
    expectNoLeak(() => gray.apply(x, rng(1)));
    x.dispose();
  });
});
