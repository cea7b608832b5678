import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { project2d } from '../../src';
import { blobs } from '../helpers';

beforeAll(() => tf.setBackend('cpu'));

/** Mean distance to points of the same class over mean distance to other classes (small = clustered). */
function separationRatio(p: Float32Array, y: number[]): number {
  let same = 0;
  let sameN = 0;
  let other = 0;
  let otherN = 0;
  for (let i = 0; i < y.length; i++) {
    for (let j = i + 1; j < y.length; j++) {
      const d = Math.hypot(p[2 * i] - p[2 * j], p[2 * i + 1] - p[2 * j + 1]);
      if (y[i] === y[j]) {
        same += d;
        sameN++;
      } else {
        other += d;
        otherN++;
      }
    }
  }
  return same / sameN / (other / otherN);
}

describe('project2d', () => {
  const { x, y } = blobs(3, 15, 10, 0.1, 3);

  for (const method of ['tsne', 'umap'] as const) {
    it(`${method}: same seed, same layout; another seed, another layout`, () => {
      const options = { method, seed: 5, iterations: 150, nEpochs: 100 };
      const a = project2d(x, options);
      const b = project2d(x, options);
      const c = project2d(x, { ...options, seed: 6 });
      expect(a).toBeInstanceOf(Float32Array);
      expect(a).toHaveLength(2 * x.length);
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
      expect(a.every(Number.isFinite)).toBe(true);
    });

    it(`${method}: keeps classes apart`, () => {
      const p = project2d(x, { method, seed: 1, iterations: 200, nEpochs: 150 });
      expect(separationRatio(p, y)).toBeLessThan(0.5);
    });
  }

  it('validates its arguments', () => {
    expect(() => project2d(x, { method: 'pca' as never })).toThrow(
      /method: expected 'tsne' or 'umap', got pca/,
    );
    expect(() => project2d(x, { seed: 0.5 })).toThrow(/seed: expected an integer/);
    expect(() =>
      project2d(
        [
          [1, 2],
          [3, 4],
        ],
        { method: 'tsne' },
      ),
    ).toThrow(/at least 4 rows/);
    expect(() => project2d(x, { method: 'tsne', perplexity: 100 })).toThrow(
      /perplexity: expected a number in \(0, 45\)/,
    );
    expect(() => project2d(x, { method: 'umap', nNeighbors: 45 })).toThrow(
      /nNeighbors: expected an integer in \[2, 44\]/,
    );
  });
});
