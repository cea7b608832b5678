import * as tf from '@tensorflow/tfjs-core';
import { GaussianBlur, defaultBlurKernelSize, gaussianKernel1d } from '@contrastive/augment';
import { expectNoLeak, maxAbsDiff, randomImages, rng, useCpu } from '../helpers';

useCpu();

/** Plain-JS separable blur with reflect padding (torchvision semantics) for one [H, W, C] image. */
function referenceBlur(image: number[][][], taps: Float32Array): number[][][] {
  const h = image.length;
  const w = image[0].length;
  const r = (taps.length - 1) / 2;
  const reflect = (i: number, n: number) => (i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i);
  const vertical = image.map((row, y) =>
    row.map((px, x) => px.map((_, c) => taps.reduce((acc, t, k) => acc + t * image[reflect(y + k - r, h)][x][c], 0))),
  );
  return vertical.map((row, y) =>
    row.map((px, x) => px.map((_, c) => taps.reduce((acc, t, k) => acc + t * vertical[y][reflect(x + k - r, w)][c], 0))),
  );
}

describe('GaussianBlur', () => {
  it('kernel size is 10% of the smaller side, odd, at least 3 (SimCLR: 224 -> 23)', () => {
    expect(defaultBlurKernelSize(224, 224)).toBe(23);
    expect(defaultBlurKernelSize(32, 32)).toBe(3);
    expect(defaultBlurKernelSize(28, 28)).toBe(3);
    expect(defaultBlurKernelSize(96, 64)).toBe(7);
    const taps = gaussianKernel1d(5, 1);
    expect(taps.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(taps[2]).toBeGreaterThan(taps[1]);
    expect(taps[0]).toBeCloseTo(taps[4], 7);
  });

  it('matches a reference separable blur with reflect padding', () => {
    const x = randomImages([2, 7, 6, 2]);
    const out = new GaussianBlur({ kernelSize: 5, sigma: [1.3, 1.3] }).apply(x, rng());
    const taps = gaussianKernel1d(5, 1.3);
    const expected = x.arraySync().map((image) => referenceBlur(image, taps));
    expect(maxAbsDiff(out.dataSync(), expected.flat(3))).toBeLessThan(1e-5);
    tf.dispose([x, out]);
  });

  it('preserves the mean, reduces the variance, keeps constant images constant', () => {
    const x = randomImages([8, 16, 16, 3]);
    const out = new GaussianBlur({ sigma: [0.5, 2] }).apply(x, rng(2));
    const mx = tf.moments(x);
    const mo = tf.moments(out);
    expect(Math.abs(mo.mean.dataSync()[0] - mx.mean.dataSync()[0])).toBeLessThan(0.01);
    expect(mo.variance.dataSync()[0]).toBeLessThan(0.8 * mx.variance.dataSync()[0]);
    const flat = tf.fill([2, 5, 5, 1], 0.3) as tf.Tensor4D;
    const blurred = new GaussianBlur({ kernelSize: 3 }).apply(flat, rng());
    expect(maxAbsDiff(blurred.dataSync(), flat.dataSync())).toBeLessThan(1e-6);
    tf.dispose([x, out, flat, blurred, mx.mean, mx.variance, mo.mean, mo.variance]);
  });

  it('p = 0 copies exactly; p = 0.5 blurs about half the images, copying the rest exactly', () => {
    const x = randomImages([100, 6, 6, 1]);
    const none = new GaussianBlur({ p: 0 }).apply(x, rng());
    expect(none.arraySync()).toEqual(x.arraySync());
    const out = new GaussianBlur({ p: 0.5, sigma: [1, 2] }).apply(x, rng(3));
    const diff = tf.max(tf.abs(tf.sub(out, x)), [1, 2, 3]).dataSync();
    const blurred = diff.filter((d) => d > 0).length;
    expect(blurred).toBeGreaterThan(35);
    expect(blurred).toBeLessThan(65);
    tf.dispose([x, none, out]);
  });

  it('handles kernels wider than the image and is deterministic and leak-free', () => {
    const small = randomImages([2, 2, 3, 1]);
    const out = new GaussianBlur({ kernelSize: 9 }).apply(small, rng());
    expect(out.shape).toEqual([2, 2, 3, 1]);
    out.dispose();
    const blur = new GaussianBlur();
    const x = randomImages([4, 8, 8, 3]);
    expect(blur.apply(x, rng(5)).arraySync()).toEqual(blur.apply(x, rng(5)).arraySync());
    expect(blur.apply(x, rng(5)).arraySync()).not.toEqual(blur.apply(x, rng(6)).arraySync());
    expectNoLeak(() => blur.apply(x, rng(5)));
    expect(() => new GaussianBlur({ kernelSize: 4 })).toThrow(/GaussianBlur\.kernelSize: kernelSize must be odd/);
    tf.dispose([small, x]);
  });
});
