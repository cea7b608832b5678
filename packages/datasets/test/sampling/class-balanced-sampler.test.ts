import { ClassBalancedSampler } from '../../src/sampling/class-balanced-sampler';

describe('ClassBalancedSampler (MPerClassSampler semantics)', () => {
  const labels = Array.from({ length: 200 }, (_, i) => i % 10);

  it('every batch has batchSize/m distinct classes with exactly m samples each', () => {
    const sampler = new ClassBalancedSampler(labels, { m: 4, batchSize: 16, seed: 3 });
    const epoch = sampler.epoch();
    expect(sampler.batchesPerEpoch).toBe(Math.floor(200 / 16));
    expect(epoch).toHaveLength(12);
    for (const batch of epoch) {
      expect(batch).toHaveLength(16);
      const perClass = new Map<number, number[]>();
      for (const index of batch) perClass.set(labels[index], [...(perClass.get(labels[index]) ?? []), index]);
      expect(perClass.size).toBe(4);
      for (const members of perClass.values()) {
        expect(members).toHaveLength(4);
        expect(new Set(members).size).toBe(4); // without replacement when the class is large enough
      }
    }
  });

  it('consecutive groups of m share a class (the layout pml produces)', () => {
    const batch = new ClassBalancedSampler(labels, { m: 2, batchSize: 10, seed: 1 }).epoch()[0];
    for (let g = 0; g < 5; g++) expect(labels[batch[2 * g]]).toBe(labels[batch[2 * g + 1]]);
  });

  it('samples with replacement from classes smaller than m', () => {
    const small = [0, 0, 1, 1, 1, 1, 1];
    const batch = new ClassBalancedSampler(small, { m: 4, batchSize: 8, seed: 0, lengthBeforeNewIter: 8 }).epoch()[0];
    const zeros = Array.from(batch).filter((i) => small[i] === 0);
    expect(zeros).toHaveLength(4);
    expect(zeros.every((i) => i === 0 || i === 1)).toBe(true);
  });

  it('is deterministic per seed and covers classes evenly over many batches', () => {
    const a = new ClassBalancedSampler(labels, { m: 2, batchSize: 4, seed: 9, lengthBeforeNewIter: 2000 });
    const b = new ClassBalancedSampler(labels, { m: 2, batchSize: 4, seed: 9, lengthBeforeNewIter: 2000 });
    const epoch = a.epoch();
    expect(b.epoch()).toEqual(epoch);
    expect(a.epoch()).not.toEqual(epoch);
    const counts = new Array(10).fill(0);
    for (const batch of epoch) for (const i of batch) counts[labels[i]]++;
    for (const c of counts) expect(Math.abs(c - 200)).toBeLessThan(60);
  });

  it('rejects impossible configurations with the numbers involved', () => {
    expect(() => new ClassBalancedSampler(labels, { m: 3, batchSize: 16 })).toThrow(/batchSize 16 must be a multiple of m 3/);
    expect(() => new ClassBalancedSampler(labels, { m: 2, batchSize: 22 })).toThrow(/m \* numClasses = 2 \* 10 = 20 must be >= batchSize 22/);
    expect(() => new ClassBalancedSampler(labels, { m: 2, batchSize: 8, lengthBeforeNewIter: 4 })).toThrow(/lengthBeforeNewIter 4 must be >= batchSize 8/);
    expect(() => new ClassBalancedSampler([], { m: 2, batchSize: 2 })).toThrow(/labels is empty/);
  });
});
