import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { SeededRandom } from '@contrastive/core';
import { ringWrite } from '../../src/queue/ring-write';
import { sampleDistinct, uniqueWithSegments } from '../../src/internal/sampling';
import { flattenViews, selectView, tileLabels } from '../../src/internal/views';
import { InstanceIds } from '../../src/internal/instance-ids';

beforeAll(() => tf.setBackend('cpu'));

describe('ringWrite', () => {
  const base = () => tf.tensor2d([[0], [1], [2], [3], [4]]);
  const rows = (...ids: number[]) => tf.tensor2d(ids.map((i) => [i]));

  it('writes without wrapping, keeping the valid prefix or everything', () => {
    tf.tidy(() => {
      expect(ringWrite(base(), 1, rows(10, 11), 3).arraySync()).toEqual([[0], [10], [11]]);
      expect(ringWrite(base(), 1, rows(10, 11), 5).arraySync()).toEqual([[0], [10], [11], [3], [4]]);
      expect(ringWrite(base(), 0, rows(10, 11, 12, 13, 14), 5).arraySync()).toEqual([
        [10],
        [11],
        [12],
        [13],
        [14],
      ]);
      expect(ringWrite(base(), 3, rows(10, 11), 5).arraySync()).toEqual([[0], [1], [2], [10], [11]]);
    });
  });

  it('wraps a batch crossing the end: its tail goes to the start', () => {
    tf.tidy(() => {
      expect(ringWrite(base(), 3, rows(10, 11, 12, 13), 5).arraySync()).toEqual([
        [12],
        [13],
        [2],
        [10],
        [11],
      ]);
      expect(ringWrite(base(), 4, rows(10, 11, 12, 13, 14), 5).arraySync()).toEqual([
        [11],
        [12],
        [13],
        [14],
        [10],
      ]);
    });
  });

  it('never aliases its input and rejects impossible writes', () => {
    tf.tidy(() => {
      const b = base();
      ringWrite(b, 3, rows(10, 11, 12), 5);
      expect(b.arraySync()).toEqual([[0], [1], [2], [3], [4]]);
      expect(() => ringWrite(b, 0, rows(1, 2, 3, 4, 5, 6), 5)).toThrow(
        /cannot write 6 rows into a buffer of 5/,
      );
      expect(() => ringWrite(b, 1, rows(1), 1)).toThrow(/keep must be in \[2, 5\], got 1/);
      expect(() => ringWrite(b, 3, rows(1, 2, 3), 4)).toThrow(/keep must be in \[5, 5\]/);
    });
  });
});

describe('sampleDistinct', () => {
  it('draws distinct values outside the excluded set, reproducibly, in both regimes', () => {
    for (const count of [3, 15]) {
      const a = sampleDistinct(new SeededRandom(1), 20, count, new Set([0, 5]));
      const b = sampleDistinct(new SeededRandom(1), 20, count, new Set([0, 5]));
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(new Set(a).size).toBe(count);
      expect(Array.from(a).some((v) => v === 0 || v === 5 || v < 0 || v >= 20)).toBe(false);
    }
    expect(() => sampleDistinct(new SeededRandom(1), 5, 5, new Set([1]))).toThrow(
      /cannot draw 5 distinct values from 4/,
    );
  });

  it('is roughly uniform', () => {
    const rng = new SeededRandom(2);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 2000; i++) for (const v of sampleDistinct(rng, 10, 2, new Set())) counts[v]++;
    counts.forEach((c) => expect(Math.abs(c - 400)).toBeLessThan(80));
  });
});

describe('uniqueWithSegments', () => {
  it('lists distinct values in first-occurrence order with each position', () => {
    const { unique, segments } = uniqueWithSegments(Int32Array.from([4, 2, 4, 9, 2]));
    expect(Array.from(unique)).toEqual([4, 2, 9]);
    expect(Array.from(segments)).toEqual([0, 1, 0, 2, 1]);
  });
});

describe('views helpers', () => {
  it('flattens view-major, tiles labels to match and selects a view', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor3d([
        [[1], [2]],
        [[3], [4]],
        [[5], [6]],
      ]); // [B=3, V=2, D=1]
      expect(flattenViews(x).arraySync()).toEqual([[1], [3], [5], [2], [4], [6]]);
      expect(Array.from(tileLabels(tf.tensor1d([7, 8, 9]), 2).dataSync())).toEqual([7, 8, 9, 7, 8, 9]);
      expect(tileLabels(tf.tensor1d([7, 8, 9]), 2).dtype).toBe('int32');
      expect(selectView(x, 1).arraySync()).toEqual([[2], [4], [6]]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('InstanceIds', () => {
  it('peeks without consuming and advances on commit', () => {
    const ids = new InstanceIds();
    expect(Array.from(ids.peek(3))).toEqual([0, 1, 2]);
    expect(Array.from(ids.peek(2))).toEqual([0, 1]);
    ids.advance(3);
    expect(Array.from(ids.peek(2))).toEqual([3, 4]);
    ids.state = InstanceIds.WRAP - 1;
    expect(Array.from(ids.peek(2))).toEqual([InstanceIds.WRAP - 1, 0]);
  });
});
