import * as tf from '@tensorflow/tfjs-core';
import { RandomResizedCrop, sampleResizedCropWindow } from '@contrastive/augment';
import { ConfigError } from '@contrastive/core';
import { expectNoLeak, maxAbsDiff, randomImages, rng, useCpu } from '../helpers';

useCpu();

describe('RandomResizedCrop', () => {
  it('keeps the input size by default, or resizes to `size`', () => {
    const x = randomImages([3, 12, 10, 2]);
    const same = new RandomResizedCrop().apply(x, rng());
    const sized = new RandomResizedCrop({ size: [6, 8] }).apply(x, rng());
    expect(same.shape).toEqual([3, 12, 10, 2]);
    expect(sized.shape).toEqual([3, 6, 8, 2]);
    tf.dispose([x, same, sized]);
  });

  it('is (almost) the identity with scale [1, 1] and ratio [1, 1] on a square image', () => {
    const x = randomImages([2, 8, 8, 3]);
    const out = new RandomResizedCrop({ scale: [1, 1], ratio: [1, 1] }).apply(x, rng());
    // Edge samples sit 1e-4 px inside the image (see crop-boxes.ts): bilinear error <= 1e-4 * max jump.
    expect(maxAbsDiff(out.dataSync(), x.dataSync())).toBeLessThan(2e-4);
    tf.dispose([x, out]);
  });

  it('upsamples a crop with half-pixel centres: a 2x2 window of a ramp resized to 4x4', () => {
    // Column ramp 0..7; a window of columns 2..3 resized to width 4 samples x = 1.75, 2.25, 2.75, 3.25
    // (torchvision bilinear, align_corners=false), clamped to the window's image: values as below.
    const ramp = tf.tensor4d(Array.from({ length: 8 * 8 }, (_, i) => (i % 8) / 7), [1, 8, 8, 1]);
    const sampler = { scale: [1 / 16, 1 / 16] as [number, number], ratio: [1, 1] as [number, number] };
    const r = rng(11);
    const window = sampleResizedCropWindow(rng(11), 8, 8, sampler.scale, sampler.ratio);
    expect(window.width).toBe(2);
    const out = new RandomResizedCrop({ ...sampler, size: 4 }).apply(ramp, r);
    const row = Array.from(out.dataSync().slice(0, 4)).map((v) => v * 7);
    const expected = [window.left - 0.25, window.left + 0.25, window.left + 0.75, window.left + 1.25];
    expect(maxAbsDiff(row, expected)).toBeLessThan(1e-4);
    tf.dispose([ramp, out]);
  });

  it('samples windows inside the image with area in `scale` and aspect in `ratio` (torchvision get_params)', () => {
    const r = rng(9);
    for (let i = 0; i < 500; i++) {
      const w = sampleResizedCropWindow(r, 32, 32, [0.08, 1], [3 / 4, 4 / 3]);
      expect(w.top).toBeGreaterThanOrEqual(0);
      expect(w.left).toBeGreaterThanOrEqual(0);
      expect(w.top + w.height).toBeLessThanOrEqual(32);
      expect(w.left + w.width).toBeLessThanOrEqual(32);
      const area = (w.width * w.height) / 1024;
      expect(area).toBeGreaterThan(0.05);
      expect(w.width / w.height).toBeGreaterThan(0.6);
      expect(w.width / w.height).toBeLessThan(1.6);
    }
  });

  it('output stays within the input range', () => {
    const x = randomImages([16, 9, 9, 3]);
    const out = new RandomResizedCrop({ scale: [0.08, 1] }).apply(x, rng(2));
    const data = out.dataSync();
    expect(Math.min(...data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...data)).toBeLessThanOrEqual(1);
    tf.dispose([x, out]);
  });

  it('same seed gives the same crops, another seed other crops; no leaks', () => {
    const x = randomImages([4, 10, 10, 1]);
    const crop = new RandomResizedCrop();
    const a = crop.apply(x, rng(1)).arraySync();
    expect(crop.apply(x, rng(1)).arraySync()).toEqual(a);
    expect(crop.apply(x, rng(2)).arraySync()).not.toEqual(a);
    expectNoLeak(() => crop.apply(x, rng(1)));
    x.dispose();
  });

  it('validates options and input', () => {
    expect(() => new RandomResizedCrop({ scale: [0.9, 0.1] })).toThrow(ConfigError);
    expect(() => new RandomResizedCrop({ scale: [0.9, 0.1] })).toThrow(/RandomResizedCrop\.scale: range must be/);
    expect(() => new RandomResizedCrop({ size: 0 })).toThrow(/RandomResizedCrop\.size/);
    expect(() => new RandomResizedCrop({ bogus: 1 } as never)).toThrow(/bogus/);
    const rank3 = tf.zeros([4, 4, 3]);
    expect(() => new RandomResizedCrop().apply(rank3, rng())).toThrow(/RandomResizedCrop\.apply: argument 'batch'.*rank 3/);
    rank3.dispose();
  });
});
