import { ami, nmi } from '../../src';
import { SeededRandom } from '@contrastive/core';

describe('nmi / ami', () => {
  it('are 1 for identical labelings up to renaming', () => {
    expect(nmi([0, 0, 1, 1, 2], [5, 5, 3, 3, 9])).toBeCloseTo(1, 12);
    expect(ami([0, 0, 1, 1, 2], [5, 5, 3, 3, 9])).toBeCloseTo(1, 12);
  });

  it('follow sklearn on trivial labelings', () => {
    expect(nmi([1, 1, 1], [4, 4, 4])).toBe(1);
    expect(ami([0, 1, 2], [2, 0, 1])).toBe(1);
    expect(nmi([0, 0, 1, 1], [0, 0, 0, 0])).toBe(0);
    expect(ami([0, 0, 1, 1], [0, 0, 0, 0])).toBeCloseTo(0, 12);
  });

  it('match a hand-computed value (sklearn: nmi([0,0,1,1],[0,0,1,2]) = 0.8, ami = 0.5714...)', () => {
    // MI = ln 2, H(a) = ln 2, H(b) = 1.5 ln 2 -> NMI = 1 / 1.25 = 0.8.
    expect(nmi([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.8, 12);
    expect(nmi([0, 0, 1, 1], [0, 0, 1, 2], { averageMethod: 'geometric' })).toBeCloseTo(
      1 / Math.sqrt(1.5),
      12,
    );
    expect(nmi([0, 0, 1, 1], [0, 0, 1, 2], { averageMethod: 'max' })).toBeCloseTo(1 / 1.5, 12);
  });

  it('AMI is about 0 for independent random labelings while NMI is not', () => {
    const rng = new SeededRandom(3);
    const a = Array.from({ length: 400 }, () => rng.int(10));
    const b = Array.from({ length: 400 }, () => rng.int(10));
    expect(Math.abs(ami(a, b))).toBeLessThan(0.02);
    expect(nmi(a, b)).toBeGreaterThan(0.02);
  });

  it('reject mismatched lengths and bad methods', () => {
    expect(() => nmi([0, 1], [0])).toThrow(/clusters: expected 2 labels \(one per label\), got 1/);
    expect(() => ami([0, 1], [0, 1], { averageMethod: 'median' as never })).toThrow(/averageMethod/);
    expect(() => nmi([], [])).toThrow(/labels: expected at least one label/);
  });
});
