import { loadIris, irisSplit } from '../../src/iris/iris';
import { classCounts } from '../../src/split/split-utils';

describe('Iris', () => {
  it('has 150 rows of 4 features with the known column means and 50 per class', () => {
    const all = irisSplit();
    expect(all.size).toBe(150);
    expect(all.exampleShape).toEqual([4]);
    const means = [0, 1, 2, 3].map((j) => Array.from({ length: 150 }, (_, i) => all.x[i * 4 + j]).reduce((a, b) => a + b) / 150);
    [5.8433, 3.0573, 3.758, 1.1993].forEach((m, j) => expect(means[j]).toBeCloseTo(m, 3));
    expect(classCounts(all.labels)).toEqual([50, 50, 50]);
  });

  it('splits 120/30 stratified, deterministically per seed', () => {
    const a = loadIris({ seed: 1 });
    expect(a.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(a.train.size).toBe(120);
    expect(classCounts(a.test.labels)).toEqual([10, 10, 10]);
    expect(loadIris({ seed: 1 }).test.x).toEqual(a.test.x);
    expect(loadIris({ seed: 2 }).test.x).not.toEqual(a.test.x);
  });

  it('standardize gives zero-mean unit-variance train features', () => {
    const { train } = loadIris({ standardize: true });
    for (let j = 0; j < 4; j++) {
      const col = Array.from({ length: train.size }, (_, i) => train.x[i * 4 + j]);
      const mean = col.reduce((a, b) => a + b) / col.length;
      const variance = col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length;
      expect(mean).toBeCloseTo(0, 5);
      expect(variance).toBeCloseTo(1, 4);
    }
  });
});
