import * as tf from '@tensorflow/tfjs-core';
import { RandomCrop } from '@contrastive/augment';
import { expectNoLeak, maxAbsDiff, randomImages, rng, useCpu } from '../helpers';

useCpu();

/** The zero-padded image shifted so that output (0, 0) reads padded (dy, dx). */
function shifted(image: number[][][], padding: number, dy: number, dx: number): number[][][] {
  const h = image.length;
  const w = image[0].length;
  return Array.from({ length: h }, (_, y) =>
    Array.from({ length: w }, (_, x) => {
      const sy = y + dy - padding;
      const sx = x + dx - padding;
      return sy >= 0 && sy < h && sx >= 0 && sx < w ? image[sy][sx] : image[0][0].map(() => 0);
    }),
  );
}

describe('RandomCrop (padding)', () => {
  it('padding 0 at the input size is the identity', () => {
    const x = randomImages([3, 5, 4, 2]);
    const out = new RandomCrop({ padding: 0 }).apply(x, rng());
    expect(out.arraySync()).toEqual(x.arraySync());
    tf.dispose([x, out]);
  });

  it('stays exact on large images (no edge row lost to float32 box rounding)', () => {
    const x = randomImages([1, 301, 257, 1]);
    const out = new RandomCrop({ padding: 0 }).apply(x, rng());
    expect(maxAbsDiff(out.dataSync(), x.dataSync())).toBe(0);
    tf.dispose([x, out]);
  });

  it('every output is an exact zero-padded shift of its input, and all (2p+1)^2 shifts occur', () => {
    const padding = 2;
    const x = randomImages([200, 6, 5, 1]);
    const out = new RandomCrop({ padding }).apply(x, rng(4));
    const input = x.arraySync();
    const result = (out as tf.Tensor4D).arraySync();
    const seen = new Set<string>();
    result.forEach((image, i) => {
      let match: string | undefined;
      for (let dy = 0; dy <= 2 * padding && !match; dy++) {
        for (let dx = 0; dx <= 2 * padding && !match; dx++) {
          if (JSON.stringify(shifted(input[i], padding, dy, dx)) === JSON.stringify(image)) match = `${dy},${dx}`;
        }
      }
      expect(match).toBeDefined();
      seen.add(match!);
    });
    expect(seen.size).toBe(25);
    tf.dispose([x, out]);
  });

  it('crops to a smaller `size`, rejects a size larger than the padded image', () => {
    const x = randomImages([2, 8, 8, 3]);
    const out = new RandomCrop({ padding: 1, size: 6 }).apply(x, rng());
    expect(out.shape).toEqual([2, 6, 6, 3]);
    expect(() => new RandomCrop({ padding: 1, size: 11 }).apply(x, rng())).toThrow(/exceeds the padded image \[10, 10\]/);
    tf.dispose([x, out]);
  });

  it('is deterministic and leak-free', () => {
    const x = randomImages([8, 6, 6, 1]);
    const crop = new RandomCrop({ padding: 2 });
    expect(crop.apply(x, rng(3)).arraySync()).toEqual(crop.apply(x, rng(3)).arraySync());
    expect(crop.apply(x, rng(3)).arraySync()).not.toEqual(crop.apply(x, rng(8)).arraySync());
    expectNoLeak(() => crop.apply(x, rng(3)));
    x.dispose();
  });
});
