import { loadCsvFile } from '../../src/worker/csv-file';

const csv = (text: string, path = 'data.csv') => ({ path, file: new Blob([text]) });

function rows(count: number, row: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => row(i)).join('\n');
}

test('numeric columns and a named label column anywhere: z-scored features, sorted class names, a stratified split', async () => {
  const text = `label,a,b\n${rows(12, (i) => `${i % 2 ? 'dog' : 'cat'},${i},${2 * i}`)}`;
  const dataset = await loadCsvFile(csv(text));
  expect(dataset.classNames).toEqual(['cat', 'dog']);
  expect(dataset.train.exampleShape).toEqual([2]);
  expect(dataset.train.size + dataset.test.size).toBe(12);
  expect(new Set(dataset.test.labels)).toEqual(new Set([0, 1]));
  const all = [...dataset.train.x, ...dataset.test.x];
  expect(Math.abs(all.reduce((a, b) => a + b, 0) / all.length)).toBeLessThan(1e-5);
});

test('without a header, class names in the last column are the labels', async () => {
  const dataset = await loadCsvFile(csv(rows(10, (i) => `${i},${i * 3},${i % 2 ? 'b' : 'a'}`)));
  expect(dataset.classNames).toEqual(['a', 'b']);
});

test('a CSV of measurements only (no label column) says what to add', async () => {
  const text = `a,b,c\n${rows(20, (i) => `${i * 0.37},${i * 1.1},${Math.sin(i)}`)}`;
  await expect(loadCsvFile(csv(text, 'measurements.csv'))).rejects.toThrow(
    "measurements.csv: no label column: every column holds measurements. Add a column headed 'label'",
  );
});

test('one class is refused: contrastive training needs at least two', async () => {
  const text = `x,label\n${rows(6, (i) => `${i},only`)}`;
  await expect(loadCsvFile(csv(text, 'one.csv'))).rejects.toThrow(
    'one.csv: only one class (only); contrastive training compares classes, so it needs at least two',
  );
});

test('a class with one example is refused by name', async () => {
  await expect(loadCsvFile(csv('x,label\n1,a\n2,a\n3,b'))).rejects.toThrow(
    "class 'b' has fewer than 2 examples",
  );
});

test("'label' wins over 'y' as the label column", async () => {
  const dataset = await loadCsvFile(
    csv(`x,y,label\n${rows(8, (i) => `${i},${i % 3},${i % 2 ? 'b' : 'a'}`)}`),
  );
  expect(dataset.classNames).toEqual(['a', 'b']);
  expect(dataset.train.exampleShape).toEqual([2]);
});

test('a feature cell that is not a number is named by line and column', async () => {
  await expect(loadCsvFile(csv('x,y,label\n1,2,a\n3,oops,b\n5,6,a\n7,8,b'))).rejects.toThrow(
    "data.csv: line 3, column 'y': 'oops' is not a number",
  );
});

test('ragged rows and empty files are refused', async () => {
  await expect(loadCsvFile(csv('x,label\n1,a\n2'))).rejects.toThrow(/data\.csv: not a valid CSV/);
  await expect(loadCsvFile(csv(''))).rejects.toThrow('data.csv: the file is empty');
});
