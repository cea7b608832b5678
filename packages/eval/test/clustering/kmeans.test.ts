import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { clusterQuality, kmeans } from '../../src';
import { blobs } from '../helpers';

beforeAll(() => tf.setBackend('cpu'));

describe('kmeans / clusterQuality', () => {
  const { x, y } = blobs(4, 25, 8, 0.05, 7);

  it('recovers well-separated classes (NMI = AMI = 1)', () => {
    const q = clusterQuality(x, y);
    expect(q.k).toBe(4);
    expect(q.nmi).toBeCloseTo(1, 10);
    expect(q.ami).toBeCloseTo(1, 10);
  });

  it('is deterministic for a seed', () => {
    const noisy = blobs(3, 30, 4, 1.5, 2).x;
    const a = kmeans(noisy, 3, { seed: 11 });
    const b = kmeans(noisy, 3, { seed: 11 });
    expect(b.clusters).toEqual(a.clusters);
    expect(b.centroids).toEqual(a.centroids);
  });

  it('accepts tensors without disposing them and validates k', () => {
    const t = tf.tensor2d(x);
    expect(kmeans(t, 4).clusters).toHaveLength(100);
    expect(t.isDisposed).toBe(false);
    t.dispose();
    expect(() => kmeans(x, 0)).toThrow(/k: expected an integer in \[1, 100\]/);
    expect(() => clusterQuality(x, y.slice(1))).toThrow(/labels: expected 100 labels/);
  });
});
