import { loadCsv } from '../../src/csv/load-csv';
import { fixture } from '../fixture-path';

const csv = (name: string) => fixture('csv', name);

describe('loadCsv', () => {
  it('detects the header, maps string labels to sorted class names, splits stratified', async () => {
    const dataset = await loadCsv({ path: csv('flowers.csv'), testFraction: 0.34, seed: 1 });
    expect(dataset.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(dataset.train.exampleShape).toEqual([2]);
    expect(dataset.train.size + dataset.test.size).toBe(10);
    expect(new Set(dataset.test.labels).size).toBe(3);
    const again = await loadCsv({ path: csv('flowers.csv'), testFraction: 0.34, seed: 1 });
    expect(Array.from(again.test.x)).toEqual(Array.from(dataset.test.x));
  });

  it('keeps features and labels aligned', async () => {
    const { train, test } = await loadCsv({ path: csv('flowers.csv'), testPath: csv('flowers-test.csv') });
    expect(train.size).toBe(10);
    expect(Array.from(train.x.slice(0, 2))).toEqual([Math.fround(5.1), 3.5]);
    expect(train.labels[0]).toBe(0);
    expect(train.labels[2]).toBe(1);
    expect(Array.from(test.labels)).toEqual([0, 1]);
  });

  it('headerless file, integer labels in column 0', async () => {
    const dataset = await loadCsv({ path: csv('label-first.csv'), labelColumn: 0, testFraction: 0 });
    expect(dataset.classNames).toEqual(['0', '1', '2']);
    expect(dataset.train.size).toBe(4);
    expect(Array.from(dataset.train.labels)).toEqual([1, 0, 2, 1]);
    expect(Array.from(dataset.train.x.slice(0, 2))).toEqual([0.5, 0.25]);
  });

  it('label column by name, and an unknown name lists the columns', async () => {
    const dataset = await loadCsv({ path: csv('flowers.csv'), labelColumn: 'species', testFraction: 0 });
    expect(dataset.train.size).toBe(10);
    await expect(loadCsv({ path: csv('flowers.csv'), labelColumn: 'kind' })).rejects.toThrow(
      /flowers\.csv: label column 'kind' not found; columns: sepal_length, sepal_width, species/,
    );
  });

  it.each([
    ['ragged.csv', /ragged\.csv: invalid CSV: .*(column|record)/i],
    ['non-numeric.csv', /non-numeric\.csv: line 3, column 'b': 'abc' is not a number/],
    ['empty.csv', /empty\.csv: empty CSV/],
    ['header-only.csv', /header-only\.csv: CSV has a header but no data rows/],
    ['missing.csv', /missing\.csv: file not found/],
  ])('%s -> clear error naming the file', async (name, message) => {
    await expect(loadCsv({ path: csv(name) })).rejects.toThrow(message);
  });

  it('test labels outside the given classes are an error', async () => {
    await expect(loadCsv({ path: csv('flowers.csv'), testPath: csv('flowers-test.csv'), classNames: ['setosa', 'virginica'] })).rejects.toThrow(
      /flowers\.csv: row 3: label 'versicolor' is not one of the classes \[setosa, virginica\]/,
    );
  });

  it('a single-class file is a load error naming the file', async () => {
    await expect(loadCsv({ path: csv('one-class.csv'), testFraction: 0.2 })).rejects.toThrow(
      /one-class\.csv: the training split has only one class \('x'\)/,
    );
  });
});
