import { SeededRandom } from '../../src';

describe('SeededRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const draw = (r: SeededRandom) => Array.from({ length: 5 }, () => r.next());
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
  });

  it('resumes from a saved state exactly, including a cached normal', () => {
    const r = new SeededRandom(7);
    r.normal();
    const state = JSON.parse(JSON.stringify(r.getState()));
    const expected = [r.normal(), r.next(), r.int(10)];
    const resumed = SeededRandom.fromState(state);
    expect([resumed.normal(), resumed.next(), resumed.int(10)]).toEqual(expected);
  });

  it('draws normals with the right moments and shuffles into permutations', () => {
    const r = new SeededRandom(1);
    const samples = Array.from({ length: 20000 }, () => r.normal());
    const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
    const variance = samples.reduce((s, x) => s + (x - mean) ** 2, 0) / samples.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    const perm = r.permutation(100);
    expect([...perm].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(perm).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('forks independent streams and rejects a bad int bound', () => {
    const r = new SeededRandom(3);
    expect(r.fork('augment').next()).toBe(new SeededRandom(3).fork('augment').next());
    expect(r.fork('augment').next()).not.toBe(r.fork('sampler').next());
    expect(() => r.int(0)).toThrow(/positive integer/);
  });
});
