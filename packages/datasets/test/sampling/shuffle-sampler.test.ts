import { SeededRandom } from '@contrastive/core';
import { ShuffleSampler } from '../../src/sampling/shuffle-sampler';

describe('ShuffleSampler', () => {
  it('covers every index once per epoch, last batch smaller', () => {
    const sampler = new ShuffleSampler(10, { batchSize: 4, seed: 1 });
    const epoch = sampler.epoch();
    expect(sampler.batchesPerEpoch).toBe(3);
    expect(epoch.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(epoch.flatMap((b) => Array.from(b)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('dropLast drops the short batch', () => {
    const epoch = new ShuffleSampler(10, { batchSize: 4, dropLast: true }).epoch();
    expect(epoch.map((b) => b.length)).toEqual([4, 4]);
    expect(() => new ShuffleSampler(3, { batchSize: 4, dropLast: true })).toThrow(/batchSize 4 > size 3 with dropLast/);
  });

  it('is deterministic per seed, reshuffles each epoch, and shares a passed rng', () => {
    const a = new ShuffleSampler(50, { batchSize: 50, seed: 7 });
    const b = new ShuffleSampler(50, { batchSize: 50, seed: 7 });
    const a1 = a.epoch();
    expect(b.epoch()).toEqual(a1);
    expect(a.epoch()).not.toEqual(a1);
    expect(new ShuffleSampler(50, { batchSize: 50, seed: 8 }).epoch()).not.toEqual(a1);
    const rng = new SeededRandom(5);
    const state = rng.getState();
    const first = new ShuffleSampler(50, { batchSize: 50, rng }).epoch();
    expect(new ShuffleSampler(50, { batchSize: 50, rng: SeededRandom.fromState(state) }).epoch()).toEqual(first);
  });

  it('shuffle: false keeps the order; bad arguments are named', () => {
    expect(Array.from(new ShuffleSampler(5, { batchSize: 5, shuffle: false }).epoch()[0])).toEqual([0, 1, 2, 3, 4]);
    expect(() => new ShuffleSampler(5, { batchSize: 0 })).toThrow(/batchSize must be an integer >= 1, got 0/);
    expect(() => new ShuffleSampler(0, { batchSize: 1 })).toThrow(/size must be an integer >= 1, got 0/);
  });
});
