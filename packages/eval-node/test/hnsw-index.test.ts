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

  it('returns neighbours nearest first with cosine distances like the exact index', () => {
    const index = new HnswIndex(points);
    const exact = new ExactNeighbourIndex(points);
    const a = index.query([[1, 0.05]], 4);
    const b = exact.query([[1, 0.05]], 4);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    a.distances.forEach((d, i) => expect(d).toBeCloseTo(b.distances[i], 5));
    exact.dispose();
    index.dispose();
  });

  it('reports euclidean (not squared) distances', () => {
    const index = new HnswIndex(
      [
        [0, 0],
        [3, 4],
        [1, 0],
      ],
      { metric: 'euclidean' },
    );
    const r = index.query([[0, 0]], 3);
    expect(Array.from(r.indices)).toEqual([0, 2, 1]);
    expect(Array.from(r.distances)).toEqual([0, 1, 5]);
  });

  it('excludes the given row per query', () => {
    const index = new HnswIndex(points);
    const r = index.query(points, 1, { exclude: Int32Array.from([0, 1, 2, 3]) });
    expect(Array.from(r.indices)).toEqual([1, 0, 1, 2]);
  });

  it('validates arguments', () => {
    const index = new HnswIndex(points);
    expect(() => index.query([[1, 2, 3]], 1)).toThrow(/vectors: expected 2 columns/);
    expect(() => index.query(points, 4, { exclude: Int32Array.from([0, 1, 2, 3]) })).toThrow(
      /k: expected an integer in \[1, 3\]/,
    );
    expect(() => index.query([[NaN, 1]], 1)).toThrow(/vectors: expected finite values/);
    expect(() => new HnswIndex(points, { m: 0 })).toThrow(/m: expected a positive integer, got 0/);
    index.dispose();
    expect(() => index.query(points, 1)).toThrow(/after dispose/);
  });

  it('plugs into retrieval metrics and kNN through the NeighbourIndex interface', () => {
    const data = clustered(400, 8, 4, 0.1);
    const labels = data.map((_, i) => i % 4);
    const index = new HnswIndex(data);
    const exact = retrievalMetrics(data, labels);
    const approximate = retrievalMetrics(data, labels, { index });
    expect(approximate.mapAtR).toBeCloseTo(exact.mapAtR, 2);
    expect(knnAccuracy(data, labels, data, labels, { k: 10, excludeSelf: true, index })).toBe(1);
  });
});
