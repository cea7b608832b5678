import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { SeededRandom } from '@contrastive/core';
import { overwriteRows } from '../../src/internal/overwrite-rows';
import { sampleDistinct, uniqueWithSegments } from '../../src/internal/sampling';
import { flattenViews, selectView, tileLabels } from '../../src/internal/views';
import { InstanceIds } from '../../src/internal/instance-ids';

beforeAll(() => tf.setBackend('cpu'));

describe('overwriteRows', () => {
  it('replaces slots without touching the base tensor, last write winning', () => {
    const base = tf.tensor2d([[0], [1], [2], [3]]);
    const out = overwriteRows(base, Int32Array.from([3, 0, 3]), tf.tensor2d([[10], [11], [12]]));
    expect(out.arraySync()).toEqual([[11], [1], [2], [12]]);
    expect(base.arraySync()).toEqual([[0], [1], [2], [3]]);
    const prefix = overwriteRows(base, Int32Array.from([1, 3]), tf.tensor2d([[7], [8]]), 2);
    expect(prefix.arraySync()).toEqual([[0], [7]]);
    expect(() => overwriteRows(base, Int32Array.from([4]), tf.tensor2d([[1]]))).toThrow(/slot 4 is outside \[0, 4\)/);
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
    expect(() => sampleDistinct(new SeededRandom(1), 5, 5, new Set([1]))).toThrow(/cannot draw 5 distinct values from 4/);
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
    const x = tf.tensor3d([[[1], [2]], [[3], [4]], [[5], [6]]]); // [B=3, V=2, D=1]
    expect(flattenViews(x).arraySync()).toEqual([[1], [3], [5], [2], [4], [6]]);
    expect(Array.from(tileLabels(tf.tensor1d([7, 8, 9]), 2).dataSync())).toEqual([7, 8, 9, 7, 8, 9]);
    expect(tileLabels(tf.tensor1d([7, 8, 9]), 2).dtype).toBe('int32');
    expect(selectView(x, 1).arraySync()).toEqual([[2], [4], [6]]);
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
