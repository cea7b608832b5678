import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { HnswIndex, measureRecall } from '../src';
import { clustered } from './clustered';

beforeAll(() => tf.setBackend('cpu'));

describe('measureRecall', () => {
  it('has recall@10 > 0.9 against exact search on clustered data', async () => {
    const data = clustered(3000, 32, 20, 0.4);
    const index = new HnswIndex(data, { seed: 7 });
    const report = await measureRecall(index, data, { k: 10, sampleSize: 200, seed: 1 });
    expect(report.recall).toBeGreaterThan(0.9);
    expect(report.sampleSize).toBe(200);
  });

  it('measures a low recall for a deliberately poor graph (the check can fail)', async () => {
    const data = clustered(3000, 32, 1, 1);
    const index = new HnswIndex(data, { m: 2, efConstruction: 2, ef: 1, seed: 7 });
    expect((await measureRecall(index, data, { k: 10, sampleSize: 100 })).recall).toBeLessThan(0.9);
  });

  it('checks that the reference matches the index', async () => {
    const data = clustered(50, 4, 2, 0.1);
    const index = new HnswIndex(data);
    await expect(measureRecall(index, data.slice(1))).rejects.toThrow(
      /reference: expected the \[50,4\] rows the index was built from, got \[49,4\]/,
    );
  });

  it('does not leak tensors', async () => {
    const data = clustered(300, 8, 3, 0.2);
    const index = new HnswIndex(data);
    await measureRecall(index, data, { sampleSize: 20 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) await measureRecall(index, data, { sampleSize: 20 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
