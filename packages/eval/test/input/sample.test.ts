import { sampleIndices } from '../../src';

describe('sampleIndices', () => {
  it('draws distinct in-range rows, the same for the same seed', () => {
    const a = sampleIndices(100, 30, 4);
    expect(new Set(a).size).toBe(30);
    expect(a.every((i) => i >= 0 && i < 100)).toBe(true);
    expect(sampleIndices(100, 30, 4)).toEqual(a);
    expect(sampleIndices(100, 30, 5)).not.toEqual(a);
    expect(Array.from(sampleIndices(5, 5, 1)).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('validates its arguments', () => {
    expect(() => sampleIndices(10, 11)).toThrow(/count: expected an integer in \[0, 10\], got 11/);
    expect(() => sampleIndices(-1, 0)).toThrow(/n: expected a non-negative integer/);
  });
});
