import * as tf from '@tensorflow/tfjs-core';
import { ColorJitter, LUMA_RGB, hueMatrix } from '@contrastive/augment';
import { expectNoLeak, maxAbsDiff, randomImages, rng, useCpu } from '../helpers';

useCpu();

const gray = (x: tf.Tensor4D) => tf.sum(tf.mul(x, tf.tensor1d([...LUMA_RGB])), 3, true);

describe('ColorJitter', () => {
  const x = randomImages([6, 5, 5, 3]);
  afterAll(() => x.dispose());

  it('brightness factor b multiplies (then clamps): a fixed range [0.5, 0.5] halves the mean', () => {
    const out = new ColorJitter({ brightness: [0.5, 0.5] }).apply(x, rng());
    expect(maxAbsDiff(out.dataSync(), tf.mul(x, 0.5).dataSync())).toBeLessThan(1e-6);
    expect(tf.mean(out).dataSync()[0]).toBeCloseTo(tf.mean(x).dataSync()[0] * 0.5, 5);
    out.dispose();
  });

  it('brightness 0.4 shifts each image mean by its factor in [0.6, 1.4] (unclamped dark images)', () => {
    const dark = tf.mul(randomImages([200, 4, 4, 3], 9), 0.5) as tf.Tensor4D;
    const out = new ColorJitter({ brightness: 0.4 }).apply(dark, rng(3));
    const ratios = tf.div(tf.mean(out, [1, 2, 3]), tf.mean(dark, [1, 2, 3])).dataSync();
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(0.6 - 1e-5);
    expect(Math.max(...ratios)).toBeLessThanOrEqual(1.4 + 1e-5);
    const average = Array.from(ratios).reduce((a, b) => a + b, 0) / ratios.length;
    expect(average).toBeGreaterThan(0.95);
    expect(average).toBeLessThan(1.05);
    tf.dispose([dark, out]);
  });

  it('contrast c blends with the image mean gray (torchvision adjust_contrast)', () => {
    const out = new ColorJitter({ contrast: [0.3, 0.3] }).apply(x, rng());
    const meanGray = tf.mean(gray(x), [1, 2, 3], true);
    const expected = tf.clipByValue(tf.add(tf.mul(x, 0.3), tf.mul(meanGray, 0.7)), 0, 1);
    expect(maxAbsDiff(out.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
    tf.dispose([out, meanGray, expected]);
  });

  it('saturation 0 gives the grayscale image in every channel', () => {
    const out = new ColorJitter({ saturation: [0, 0] }).apply(x, rng());
    const expected = tf.tile(gray(x), [1, 1, 1, 3]);
    expect(maxAbsDiff(out.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
    tf.dispose([out, expected]);
  });

  it('hue keeps grays gray and turns red towards green for +1/3 turn (YIQ rotation)', () => {
    const m = hueMatrix(1 / 3);
    const red = [m[0], m[3], m[6]];
    expect(red[1]).toBeGreaterThan(red[0]);
    expect(red[1]).toBeGreaterThan(red[2]);
    const grays = tf.fill([2, 3, 3, 3], 0.4) as tf.Tensor4D;
    const out = new ColorJitter({ hue: 0.5 }).apply(grays, rng());
    expect(maxAbsDiff(out.dataSync(), grays.dataSync())).toBeLessThan(1e-5);
    // A full turn is the identity.
    expect(maxAbsDiff(hueMatrix(1), hueMatrix(0))).toBeLessThan(1e-9);
    tf.dispose([grays, out]);
  });

  it('the YIQ hue rotation shifts the HSV hue by the requested amount (mean error < 0.03 turn)', () => {
    const hsvHue = ([r, g, b]: number[]) => {
      const max = Math.max(r, g, b);
      const d = max - Math.min(r, g, b);
      const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      return { hue: (h / 6 + 1) % 1, saturation: max ? d / max : 0 };
    };
    const r = rng(12);
    let total = 0;
    let count = 0;
    for (let i = 0; i < 500; i++) {
      const colour = [r.next(), r.next(), r.next()];
      const before = hsvHue(colour);
      if (before.saturation < 0.2) continue;
      const shift = r.uniform(-0.1, 0.1);
      const m = hueMatrix(shift);
      const after = [0, 1, 2].map((row) =>
        Math.min(1, Math.max(0, m[row * 3] * colour[0] + m[row * 3 + 1] * colour[1] + m[row * 3 + 2] * colour[2])),
      );
      const moved = ((hsvHue(after).hue - before.hue + 1.5) % 1) - 0.5;
      total += Math.abs(moved - shift);
      count++;
    }
    expect(total / count).toBeLessThan(0.03);
  });

  it('each image gets its own factors; output is in [0, 1]', () => {
    const many = randomImages([20, 4, 4, 3], 2);
    const out = new ColorJitter({ brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.2 }).apply(many, rng(6));
    const data = out.dataSync();
    expect(Math.min(...data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...data)).toBeLessThanOrEqual(1);
    const means = Array.from(tf.mean(out, [1, 2, 3]).dataSync());
    expect(new Set(means.map((v) => v.toFixed(4))).size).toBe(20);
    tf.dispose([many, out]);
  });

  it('p = 0 is the identity; p = 0.5 jitters about half the images', () => {
    const none = new ColorJitter({ brightness: 0.5, p: 0 }).apply(x, rng());
    expect(none.arraySync()).toEqual(x.arraySync());
    const many = tf.mul(randomImages([300, 2, 2, 3], 5), 0.5) as tf.Tensor4D;
    const out = new ColorJitter({ brightness: [1.5, 1.5], p: 0.5 }).apply(many, rng(1));
    const changed = tf.sum(tf.cast(tf.greater(tf.max(tf.abs(tf.sub(out, many)), [1, 2, 3]), 1e-6), 'int32')).dataSync()[0];
    expect(changed).toBeGreaterThan(120);
    expect(changed).toBeLessThan(180);
    tf.dispose([none, many, out]);
  });

  it('grayscale (C = 1) images get brightness and contrast only', () => {
    const g = randomImages([3, 4, 4, 1]);
    const onlyColour = new ColorJitter({ saturation: 0.9, hue: 0.5 }).apply(g, rng());
    expect(onlyColour.arraySync()).toEqual(g.arraySync());
    const contrast = new ColorJitter({ contrast: [0, 0] }).apply(g, rng());
    const expected = tf.mul(tf.mean(g, [1, 2, 3], true), tf.onesLike(g));
    expect(maxAbsDiff(contrast.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
    tf.dispose([g, onlyColour, contrast, expected]);
  });

  it('is deterministic per seed and leak-free', () => {
    const jitter = new ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, p: 0.8 });
    expect(jitter.apply(x, rng(2)).arraySync()).toEqual(jitter.apply(x, rng(2)).arraySync());
    expect(jitter.apply(x, rng(2)).arraySync()).not.toEqual(jitter.apply(x, rng(3)).arraySync());
    expectNoLeak(() => jitter.apply(x, rng(2)));
  });

  it("clamp 'each' clamps after every operation in each image's random order, like torchvision", () => {
    const images = randomImages([24, 3, 3, 3], 4);
    const settings = { brightness: [1.8, 1.8] as [number, number], contrast: [0.3, 0.3] as [number, number] };
    const each = new ColorJitter({ ...settings, clamp: 'each' }).apply(images, rng(2));
    const once = new ColorJitter({ ...settings, clamp: 'once' }).apply(images, rng(2));
    const clip = (t: tf.Tensor) => tf.clipByValue(t, 0, 1);
    const bright = (t: tf.Tensor) => clip(tf.mul(t, 1.8));
    const contrast = (t: tf.Tensor) =>
      clip(tf.add(tf.mul(t, 0.3), tf.mul(tf.mean(gray(t as tf.Tensor4D), [1, 2, 3], true), 0.7)));
    const bc = contrast(bright(images)).arraySync() as number[][][][];
    const cb = bright(contrast(images)).arraySync() as number[][][][];
    const got = each.arraySync() as number[][][][];
    const close = (a: number[][][], b: number[][][]) => maxAbsDiff(a.flat(2), b.flat(2)) < 1e-5;
    let brightFirst = 0;
    got.forEach((image, i) => {
      const isBc = close(image, bc[i]);
      expect(isBc || close(image, cb[i])).toBe(true);
      if (isBc) brightFirst++;
    });
    expect(brightFirst).toBeGreaterThan(4);
    expect(brightFirst).toBeLessThan(20);
    // Clamping once at the end differs here (bright pixels saturate first in torchvision).
    expect(maxAbsDiff(once.dataSync(), each.dataSync())).toBeGreaterThan(0.01);
    expectNoLeak(() => new ColorJitter({ ...settings, saturation: 0.5, hue: 0.1, clamp: 'each' }).apply(images, rng(2)));
    tf.dispose([images, each, once]);
  });

  it("clamp 'each' equals 'once' when nothing leaves [0, 1]", () => {
    const settings = { brightness: [0.5, 0.9] as [number, number], saturation: [0.2, 0.9] as [number, number] };
    const a = new ColorJitter({ ...settings, clamp: 'each' }).apply(x, rng(3));
    const b = new ColorJitter(settings).apply(x, rng(3));
    expect(maxAbsDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-5);
    tf.dispose([a, b]);
  });

  it('validates options', () => {
    expect(() => new ColorJitter({ hue: 0.7 })).toThrow(/ColorJitter\.hue/);
    expect(() => new ColorJitter({ brightness: -1 })).toThrow(/ColorJitter\.brightness/);
  });
});
