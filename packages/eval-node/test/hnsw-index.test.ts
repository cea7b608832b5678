import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ExactNeighbourIndex, knnAccuracy, retrievalMetrics } from '@contrastive/eval';
import { HnswIndex } from '../src';
import { clustered } from './clustered';

beforeAll(() => tf.setBackend('cpu'));

describe('HnswIndex', () => {
  const points = [
    [1, 0],
    [0.9, 0.1],
    [0, 1],
    [-1, 0.05],
  ];

  it('returns neighbours nearest first with cosine distances like the exact index', async () => {
    const index = new HnswIndex(points);
    const exact = new ExactNeighbourIndex(points);
    const a = await index.query([[1, 0.05]], 4);
    const b = await exact.query([[1, 0.05]], 4);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    a.distances.forEach((d, i) => expect(d).toBeCloseTo(b.distances[i], 5));
    exact.dispose();
    index.dispose();
  });

  it('reports euclidean (not squared) distances', async () => {
    const index = new HnswIndex(
      [
        [0, 0],
        [3, 4],
        [1, 0],
      ],
      { metric: 'euclidean' },
    );
    const r = await index.query([[0, 0]], 3);
    expect(Array.from(r.indices)).toEqual([0, 2, 1]);
    expect(Array.from(r.distances)).toEqual([0, 1, 5]);
  });

  it('excludes the given row per query', async () => {
    const index = new HnswIndex(points);
    const r = await index.query(points, 1, { exclude: Int32Array.from([0, 1, 2, 3]) });
    expect(Array.from(r.indices)).toEqual([1, 0, 1, 2]);
  });

  it('validates arguments', async () => {
    const index = new HnswIndex(points);
    await expect(index.query([[1, 2, 3]], 1)).rejects.toThrow(/vectors: expected 2 columns/);
    await expect(index.query(points, 4, { exclude: Int32Array.from([0, 1, 2, 3]) })).rejects.toThrow(
      /k: expected an integer in \[1, 3\]/,
    );
    await expect(index.query([[NaN, 1]], 1)).rejects.toThrow(/vectors: expected finite values/);
    expect(() => new HnswIndex(points, { m: 0 })).toThrow(/m: expected a positive integer, got 0/);
    index.dispose();
    await expect(index.query(points, 1)).rejects.toThrow(/after dispose/);
  });

  it('plugs into retrieval metrics and kNN through the NeighbourIndex interface', async () => {
    const data = clustered(400, 8, 4, 0.1);
    const labels = data.map((_, i) => i % 4);
    const index = new HnswIndex(data);
    const exact = await retrievalMetrics(data, labels);
    const approximate = await retrievalMetrics(data, labels, { index });
    expect(approximate.mapAtR).toBeCloseTo(exact.mapAtR, 2);
    expect(await knnAccuracy(data, labels, data, labels, { k: 10, excludeSelf: true, index })).toBe(1);
  });
});
