import { DatasetError } from '../../src/errors/dataset-error';
import { checkLabeledDataset } from '../../src/split/check-labeled-dataset';
import type { LabeledDataset, LabeledSplit } from '../../src/types';

const split = (labels: number[]): LabeledSplit => ({
  x: new Float32Array(labels.length * 2),
  exampleShape: [2],
  labels: Int32Array.from(labels),
  size: labels.length,
});
const dataset = (train: number[], test: number[], classNames = ['a', 'b', 'c']): LabeledDataset => ({
  name: 'toy',
  classNames,
  train: split(train),
  test: split(test),
});

describe('checkLabeledDataset', () => {
  it('accepts a usable dataset', () => {
    expect(() => checkLabeledDataset(dataset([0, 1, 2, 1], [2, 0]))).not.toThrow();
  });

  it('rejects a training split with one class, naming the source', () => {
    expect(() => checkLabeledDataset(dataset([1, 1, 1], [1]), 'flowers.csv')).toThrow(
      new DatasetError(
        "the training split has only one class ('b'): contrastive learning and its evaluation need at least 2",
        'flowers.csv',
      ),
    );
  });

  it('rejects a label outside the class names, naming the split file', () => {
    expect(() =>
      checkLabeledDataset(dataset([0, 1], [0, 7]), { train: 'train.idx', test: 'test.idx' }),
    ).toThrow(/^test\.idx: label 7 at index 1 of the test split is outside the 3 class names \[0, 3\)$/);
  });

  it('rejects an empty training split, and an empty test split when asked', () => {
    expect(() => checkLabeledDataset(dataset([], [0, 1]))).toThrow(/toy: the train split has no examples/);
    expect(() => checkLabeledDataset(dataset([0, 1], []))).not.toThrow();
    expect(() => checkLabeledDataset(dataset([0, 1], []), 'toy', { requireTest: true })).toThrow(
      /the test split has no examples/,
    );
  });

  it('with everyClassPresent, names the stray label that created empty classes', () => {
    const names = Array.from({ length: 201 }, (_, i) => String(i));
    expect(() =>
      checkLabeledDataset(
        dataset([0, 1, 2], [1, 200], names),
        { train: 'tr', test: 'te' },
        { everyClassPresent: true },
      ),
    ).toThrow(/^te: class ids 3\.\.199 never occur though labels run up to 200 \(index 1\)/);
    expect(() => checkLabeledDataset(dataset([0, 1], [0], names))).not.toThrow();
  });

  it('rejects inconsistent arrays', () => {
    const broken = dataset([0, 1], [0]);
    broken.train.size = 3;
    expect(() => checkLabeledDataset(broken)).toThrow(
      /toy: train split\.labels has length 2, expected size 3/,
    );
  });
});
