import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { knnAccuracy, knnPredict } from '../../src';
import { blobs } from '../helpers';

beforeAll(() => tf.setBackend('cpu'));

const angle = (deg: number) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];

describe('knnPredict (lightly knn_predict semantics)', () => {
  // Class 0 at 0°, class 1 at 30° and 35°: a query at 10° is nearest class 0 but outnumbered by class 1.
  const reference = [angle(0), angle(30), angle(35)];
  const labels = [0, 1, 1];

  it('sums exp(cos / t) per class and takes the argmax', async () => {
    const p = await knnPredict(reference, labels, [angle(10)], { k: 3, temperature: 0.1 });
    const c = (d: number) => Math.cos((d * Math.PI) / 180);
    const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    expect(relative(p.scores[0], Math.exp(c(10) / 0.1))).toBeLessThan(1e-5);
    expect(relative(p.scores[1], Math.exp(c(20) / 0.1) + Math.exp(c(25) / 0.1))).toBeLessThan(1e-5);
    expect(p.labels[0]).toBe(1); // two weaker votes outweigh one stronger at t = 0.1
  });

  it('a low temperature lets the nearest neighbour dominate', async () => {
    expect((await knnPredict(reference, labels, [angle(10)], { k: 3, temperature: 0.01 })).labels[0]).toBe(0);
    expect((await knnPredict(reference, labels, [angle(10)], { k: 1 })).labels[0]).toBe(0);
  });

  it('caps k at the reference size and excludes self in leave-one-out mode', async () => {
    const x = [angle(0), angle(5), angle(90), angle(95)];
    const y = [0, 0, 1, 1];
    expect(await knnAccuracy(x, y, x, y, { k: 50 })).toBe(1);
    // With self excluded and k = 1, each point is classified by its twin.
    expect(await knnAccuracy(x, [0, 1, 0, 1], x, [0, 1, 0, 1], { k: 1, excludeSelf: true })).toBe(0);
    expect(await knnAccuracy(x, [0, 1, 0, 1], x, [0, 1, 0, 1], { k: 1 })).toBe(1);
  });

  it('classifies blobs accurately, chunked or not', async () => {
    const train = blobs(3, 40, 6, 0.3, 5);
    const test = blobs(3, 10, 6, 0.3, 5);
    const a = await knnAccuracy(train.x, train.y, test.x, test.y, { k: 20 });
    const b = await knnAccuracy(train.x, train.y, test.x, test.y, { k: 20, maxChunkElements: 3 * 120 });
    expect(a).toBeGreaterThan(0.95);
    expect(b).toBe(a);
  });

  it('validates its arguments', async () => {
    await expect(knnPredict(reference, [0, 1], [angle(1)])).rejects.toThrow(/referenceLabels: expected 3 labels/);
    await expect(knnPredict(reference, labels, [[1, 2, 3]])).rejects.toThrow(/queries: expected 2 columns/);
    await expect(knnPredict(reference, labels, [angle(1)], { temperature: 0 })).rejects.toThrow(
      /metric\.options\.temperature: Too small/,
    );
    await expect(knnPredict(reference, labels, [angle(1)], { numClasses: 1 })).rejects.toThrow(/numClasses/);
    await expect(knnPredict(reference, labels, [angle(1)], { excludeSelf: true })).rejects.toThrow(
      /excludeSelf needs the query set/,
    );
    await expect(knnAccuracy(reference, labels, [angle(1)], [0, 1])).rejects.toThrow(
      /queryLabels: expected 1 labels/,
    );
  });

  it('does not leak tensors', async () => {
    const q = tf.tensor2d([angle(3), angle(33)]);
    await knnPredict(reference, labels, q);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await knnPredict(reference, labels, q, { k: 2 });
    expect(tf.memory().numTensors).toBe(before);
    q.dispose();
  });
});
