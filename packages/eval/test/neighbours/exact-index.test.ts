import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ExactNeighbourIndex } from '../../src';
import { blobs } from '../helpers';

beforeAll(() => tf.setBackend('cpu'));

describe('ExactNeighbourIndex', () => {
  const points = [
    [0, 0],
    [1, 0],
    [3, 0],
    [0, 2],
  ];

  it('finds euclidean neighbours nearest first with their distances', async () => {
    const index = new ExactNeighbourIndex(points, { metric: 'euclidean' });
    const r = await index.query([[0.9, 0]], 3);
    expect(Array.from(r.indices)).toEqual([1, 0, 2]);
    expect(r.distances[0]).toBeCloseTo(0.1, 5);
    expect(r.distances[1]).toBeCloseTo(0.9, 5);
    expect(r.distances[2]).toBeCloseTo(2.1, 5);
    index.dispose();
  });

  it('ranks by cosine and reports 1 - cos', async () => {
    const index = new ExactNeighbourIndex([
      [1, 0],
      [0, 1],
      [-1, 0],
      [1, 1],
    ]);
    const r = await index.query([[2, 0.1]], 2);
    expect(Array.from(r.indices)).toEqual([0, 3]);
    expect(r.distances[1]).toBeCloseTo(1 - (2 + 0.1) / (Math.hypot(2, 0.1) * Math.SQRT2), 5);
    index.dispose();
  });

  it('excludes the given row per query (query set = reference set)', async () => {
    const index = new ExactNeighbourIndex(points, { metric: 'euclidean' });
    const r = await index.query(points, 1, { exclude: Int32Array.from([0, 1, 2, 3]) });
    expect(Array.from(r.indices)).toEqual([1, 0, 1, 0]);
    index.dispose();
  });

  it('gives the same answer in small query chunks as in one', async () => {
    const { x } = blobs(3, 20, 5, 0.5);
    const whole = new ExactNeighbourIndex(x);
    const chunked = new ExactNeighbourIndex(x, { maxChunkElements: 7 * x.length });
    expect(chunked.chunkSize).toBe(7);
    const a = await whole.query(x, 5);
    const b = await chunked.query(x, 5);
    expect(b.indices).toEqual(a.indices);
    expect(Array.from(b.distances)).toEqual(Array.from(a.distances));
    whole.dispose();
    chunked.dispose();
  });

  it('validates k, dimension and exclusions', async () => {
    const index = new ExactNeighbourIndex(points);
    await expect(index.query([[1, 2, 3]], 1)).rejects.toThrow(/vectors: expected 2 columns/);
    await expect(index.query([[1, 2]], 5)).rejects.toThrow(/k: expected an integer in \[1, 4\]/);
    await expect(index.query(points, 4, { exclude: Int32Array.from([0, 1, 2, 3]) })).rejects.toThrow(
      /k: expected an integer in \[1, 3\]/,
    );
    await expect(index.query(points, 1, { exclude: Int32Array.from([0]) })).rejects.toThrow(
      /exclude: expected one entry per query \(4\), got 1/,
    );
    index.dispose();
    await expect(index.query(points, 1)).rejects.toThrow(/after dispose/);
  });

  it('does not leak tensors across repeated queries and disposes what it holds', async () => {
    const before = tf.memory().numTensors;
    const index = new ExactNeighbourIndex(points, { metric: 'euclidean' });
    await index.query(points, 2);
    const held = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await index.query(points, 2, { exclude: Int32Array.from([0, 1, 2, 3]) });
    expect(tf.memory().numTensors).toBe(held);
    index.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('create() builds the same index from a tensor, read asynchronously', async () => {
    const tensor = tf.tensor2d(points);
    const syncRead = jest.spyOn(tf.Tensor.prototype, 'dataSync');
    const created = await ExactNeighbourIndex.create(tensor, { metric: 'euclidean' });
    const r = await created.query(tensor, 2);
    expect(syncRead).not.toHaveBeenCalled();
    syncRead.mockRestore();
    const constructed = new ExactNeighbourIndex(points, { metric: 'euclidean' });
    expect(r).toEqual(await constructed.query(points, 2));
    tf.dispose([tensor]);
    created.dispose();
    constructed.dispose();
  });
});
