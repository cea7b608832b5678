import * as tf from '@tensorflow/tfjs-core';
import { GaussianBlur, ViewPipelines, byolPreset, multiCropPreset, type Compose, type ViewGroup } from '@contrastive/augment';
import { randomImages, rng, useCpu } from '../helpers';

useCpu();

const disposeGroups = (groups: ViewGroup[]) => tf.dispose(groups.map((g) => g.views));

/** Per image of `[B, H, W, C]`: its pixel variance. */
function imageVariances(images: tf.Tensor): number[] {
  return tf.tidy(() => tf.moments(images, [1, 2, 3]).variance.arraySync() as number[]);
}

/** Checkerboards of 0 and 0.4: any blur lowers the variance, flips do not, solarize (>= 0.5) leaves them. */
function checkerboards(count: number, side: number): tf.Tensor4D {
  const one = Array.from({ length: side * side }, (_, i) => (((i % side) + Math.floor(i / side)) % 2) * 0.4);
  return tf.tensor4d(Array.from({ length: count }, () => one).flat(), [count, side, side, 1]);
}

describe('byol preset', () => {
  it('honours each view\'s blur probability (1.0 / 0.1) statistically', () => {
    const count = 400;
    const x = checkerboards(count, 8);
    const views = byolPreset({ scale: [1, 1], color: false });
    expect(views.entries.map((e) => (e.pipeline as Compose).steps.map((step) => [step.name, (step as GaussianBlur).options?.p]))).toEqual([
      [['RandomResizedCrop', undefined], ['RandomHorizontalFlip', undefined], ['GaussianBlur', 1]],
      [['RandomResizedCrop', undefined], ['RandomHorizontalFlip', undefined], ['GaussianBlur', 0.1], ['Solarize', 0.2]],
    ]);
    // The blur steps alone: the crop's bilinear resampling would also lower the variance.
    const blurOnly = new ViewPipelines(
      views.entries.map((e) => ({ pipeline: (e.pipeline as Compose).steps.find((step) => step instanceof GaussianBlur)!, count: 1 })),
    );
    const [group] = blurOnly.generate(x, rng(11));
    expect(group.views.shape).toEqual([count, 2, 8, 8, 1]);
    const original = imageVariances(tf.slice(x, [0, 0, 0, 0], [1, 8, 8, 1]))[0];
    const blurredShare = (v: number) =>
      imageVariances(tf.tidy(() => tf.squeeze(tf.slice(group.views, [0, v], [count, 1]), [1]))).filter((s) => s < (1 - 1e-6) * original).length / count;
    // sigma is drawn from [0.1, 2]; below ~0.15 the taps beside the centre underflow float32, so ~3% of
    // the blurred images come out unchanged.
    expect(blurredShare(0)).toBeGreaterThan(0.94);
    // Binomial(400, 0.1): sd 0.015; 0.05 is > 3 sd.
    expect(Math.abs(blurredShare(1) - 0.1)).toBeLessThan(0.05);
    disposeGroups([group]);
    x.dispose();
  });

  it('honours each view\'s solarize probability (0 / 0.2) statistically', () => {
    const count = 400;
    // Constant 0.75 images: unchanged by crop (scale 1), flip and blur; solarized to 0.25.
    const x = tf.fill([count, 8, 8, 1], 0.75) as tf.Tensor4D;
    const [group] = byolPreset({ scale: [1, 1], color: false }).generate(x, rng(5));
    const solarizedShare = (v: number) =>
      tf.tidy(() => (tf.mean(tf.squeeze(tf.slice(group.views, [0, v], [count, 1]), [1]), [1, 2, 3]).arraySync() as number[]))
        .filter((m) => m < 0.5).length / count;
    expect(solarizedShare(0)).toBe(0);
    // Binomial(400, 0.2): sd 0.02.
    expect(Math.abs(solarizedShare(1) - 0.2)).toBeLessThan(0.06);
    disposeGroups([group]);
    x.dispose();
  });
});

describe('multi-crop preset', () => {
  it('2 global crops and k local crops at another size, as two view groups; seeded', () => {
    const x = randomImages([3, 16, 16, 3]);
    const crops = multiCropPreset({ globalSize: 16, localSize: 6, localCrops: 4 });
    expect(crops.viewCount).toBe(6);
    const groups = crops.generate(x, rng(2));
    expect(groups.map((g) => g.views.shape)).toEqual([
      [3, 2, 16, 16, 3],
      [3, 4, 6, 6, 3],
    ]);
    expect(groups.map((g) => g.viewIndices)).toEqual([[0, 1], [2, 3, 4, 5]]);
    const again = crops.generate(x, rng(2));
    groups.forEach((g, i) => expect(again[i].views.arraySync()).toEqual(g.views.arraySync()));
    disposeGroups(again);
    disposeGroups(groups);
    const before = tf.memory().numTensors;
    disposeGroups(crops.generate(x, rng(3)));
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('without local crops it is one group of the 2 global crops; bad options name the field', () => {
    const x = randomImages([2, 8, 8, 1]);
    const groups = multiCropPreset({ localCrops: 0 }).generate(x, rng());
    expect(groups.map((g) => g.views.shape)).toEqual([[2, 2, 8, 8, 1]]);
    disposeGroups(groups);
    x.dispose();
    expect(() => multiCropPreset({ localScale: [0.5, 0.1] as never })).toThrow(/localScale/);
  });
});
