import * as tf from '@tensorflow/tfjs-core';
import { RandomHorizontalFlip, RandomVerticalFlip } from '@contrastive/augment';
import { expectNoLeak, randomImages, rng, useCpu } from '../helpers';

useCpu();

describe('RandomHorizontalFlip / RandomVerticalFlip', () => {
  const x = randomImages([4, 5, 6, 3]);
  afterAll(() => x.dispose());

  it('p = 1 mirrors every image exactly (horizontal: width axis, vertical: height axis)', () => {
    const h = new RandomHorizontalFlip({ p: 1 }).apply(x, rng());
    const v = new RandomVerticalFlip({ p: 1 }).apply(x, rng());
    expect(h.arraySync()).toEqual(tf.reverse(x, 2).arraySync());
    expect(v.arraySync()).toEqual(tf.reverse(x, 1).arraySync());
    tf.dispose([h, v]);
  });

  it('p = 0 returns an equal, separate tensor', () => {
    const out = new RandomHorizontalFlip({ p: 0 }).apply(x, rng());
    expect(out).not.toBe(x);
    expect(out.arraySync()).toEqual(x.arraySync());
    out.dispose();
    expect(x.isDisposed).toBe(false);
  });

  it('p = 0.5 flips about half of 400 images, the others unchanged', () => {
    const many = randomImages([400, 3, 4, 1], 7);
    const out = new RandomHorizontalFlip({ p: 0.5 }).apply(many, rng(5));
    const input = many.arraySync();
    const mirrored = tf.reverse(many, 2).arraySync();
    const result = (out as tf.Tensor4D).arraySync();
    let flipped = 0;
    result.forEach((image, i) => {
      const isFlipped = JSON.stringify(image) === JSON.stringify(mirrored[i]);
      const isSame = JSON.stringify(image) === JSON.stringify(input[i]);
      expect(isFlipped || isSame).toBe(true);
      if (isFlipped) flipped++;
    });
    expect(flipped).toBeGreaterThan(160);
    expect(flipped).toBeLessThan(240);
    tf.dispose([many, out]);
  });

  it('is deterministic per seed and leaks nothing', () => {
    const flip = new RandomHorizontalFlip();
    const big = randomImages([32, 4, 4, 2]);
    const a = flip.apply(big, rng(3)).arraySync();
    const b = flip.apply(big, rng(3)).arraySync();
    const c = flip.apply(big, rng(4)).arraySync();
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expectNoLeak(() => flip.apply(big, rng(3)));
    big.dispose();
  });

  it('rejects bad input and options, naming the argument', () => {
    const flip = new RandomHorizontalFlip();
    const flat = tf.zeros([2, 3]);
    expect(() => flip.apply(flat, rng())).toThrow(/argument 'batch' must be a float32 tensor of images \[B, H, W, C\].*got rank 2 shape \[2, 3\]/);
    const ints = tf.zeros([1, 2, 2, 1], 'int32');
    expect(() => flip.apply(ints, rng())).toThrow(/got dtype int32/);
    expect(() => flip.apply(x, {} as never)).toThrow(/argument 'rng'/);
    expect(() => new RandomHorizontalFlip({ p: 2 })).toThrow(/RandomHorizontalFlip\.p/);
    tf.dispose([flat, ints]);
  });
});
