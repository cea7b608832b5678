import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ExactNeighbourIndex, retrievalMetrics } from '../../src';

beforeAll(() => tf.setBackend('cpu'));

describe('retrievalMetrics on hand-made data', () => {
  it('scores 1 for perfectly separated classes', async () => {
    const x = [
      [1, 0],
      [0.9, 0.1],
      [0.95, 0.05],
      [0, 1],
      [0.1, 0.9],
    ];
    const m = await retrievalMetrics(x, [0, 0, 0, 1, 1]);
    expect(m).toEqual({ precisionAt1: 1, rPrecision: 1, mapAtR: 1, numQueries: 5 });
  });

  it('computes R-precision and MAP@R from the ranked neighbours', async () => {
    // Angles on the unit circle; class 0 = {0°, 10°, 40°}, class 1 = {20°, 90°}.
    const deg = [0, 10, 40, 20, 90];
    const x = deg.map((d) => [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)]);
    const y = [0, 0, 0, 1, 1];
    // Neighbour orders (self excluded): 0: 10,20,40 -> [0,1,..]; R=2: hits at rank 1 only -> rP 1/2, AP (1/1)/2
    // 1 (10°): 0°/20° tie (10 each) -> lower index 0 first: [0(0°),3(20°)] -> rP 1/2, AP 1/2
    // 2 (40°): 20°(1),10°(0) -> R=2: [3,1] -> hit at rank 2: rP 1/2, AP (1/2)/2 = 1/4
    // 3 (20°): 10°(0), 0°/40° tie -> R=1: [1] class 0 -> miss: rP 0, AP 0
    // 4 (90°): 40°(0) -> R=1: [2] -> miss
    const m = await retrievalMetrics(x, y);
    expect(m.precisionAt1).toBeCloseTo((1 + 1 + 0 + 0 + 0) / 5, 6);
    expect(m.rPrecision).toBeCloseTo((0.5 + 0.5 + 0.5 + 0 + 0) / 5, 6);
    expect(m.mapAtR).toBeCloseTo((0.5 + 0.5 + 0.25 + 0 + 0) / 5, 6);
  });

  it('leaves classes with one member out of every average, as AccuracyCalculator does', async () => {
    const x = [
      [1, 0],
      [0.9, 0.1],
      [0, 1],
    ];
    expect(await retrievalMetrics(x, [0, 0, 1])).toEqual({
      precisionAt1: 1,
      rPrecision: 1,
      mapAtR: 1,
      numQueries: 2,
    });
    expect(await retrievalMetrics(x, [0, 1, 2])).toEqual({
      precisionAt1: 0,
      rPrecision: 0,
      mapAtR: 0,
      numQueries: 0,
    });
  });

  it('is invariant to the scale of embeddings (they are L2-normalised)', async () => {
    const x = [
      [1, 0],
      [0.9, 0.3],
      [0.2, 1],
      [0.3, 0.8],
    ];
    const a = await retrievalMetrics(x, [0, 1, 0, 1]);
    const b = await retrievalMetrics(
      x.map((r, i) => r.map((v) => v * (i + 1) * 10)),
      [0, 1, 0, 1],
    );
    expect(b).toEqual(a);
  });

  it('gives the same result when queries are processed in small blocks', async () => {
    const deg = [0, 10, 40, 20, 90, 200, 210, 300];
    const x = deg.map((d) => [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)]);
    const y = [0, 0, 0, 1, 1, 2, 2, 1];
    const whole = await retrievalMetrics(x, y);
    const blocked = await retrievalMetrics(x, y, { maxNeighbourEntries: 3 });
    expect(blocked).toEqual(whole);
  });

  it('accepts a prebuilt index over the same rows', async () => {
    const x = [
      [1, 0],
      [0.9, 0.1],
      [0, 1],
      [0.1, 1],
    ];
    const index = new ExactNeighbourIndex(x);
    expect((await retrievalMetrics(x, [0, 0, 1, 1], { index })).mapAtR).toBe(1);
    await expect(retrievalMetrics(x.slice(0, 3), [0, 0, 1], { index })).rejects.toThrow(
      /index: expected an index over the 3 embeddings/,
    );
    index.dispose();
  });

  it('rejects a label count mismatch and NaN embeddings', async () => {
    await expect(
      retrievalMetrics(
        [
          [1, 0],
          [0, 1],
        ],
        [0, 1, 1],
      ),
    ).rejects.toThrow(/labels: expected 2 labels \(one per embeddings row\), got 3/);
    await expect(
      retrievalMetrics(
        [
          [1, NaN],
          [0, 1],
        ],
        [0, 1],
      ),
    ).rejects.toThrow(/embeddings: expected finite values, got NaN/);
  });

  it('does not leak tensors', async () => {
    const e = tf.tensor2d([
      [1, 0],
      [0.9, 0.1],
      [0, 1],
      [0.1, 1],
    ]);
    await retrievalMetrics(e, [0, 0, 1, 1]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await retrievalMetrics(e, [0, 0, 1, 1]);
    expect(tf.memory().numTensors).toBe(before);
    e.dispose();
  });
});
