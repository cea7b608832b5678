import { DatasetError } from '../errors/dataset-error';
import type { LabeledDataset, LabeledSplit } from '../types';
import { validateSplit } from './split-utils';

/** Where the data came from, for messages: one name, or a file per split. */
export type DatasetSource = string | { train: string; test: string };

/** Optional, stricter checks of {@link checkLabeledDataset}. */
export interface CheckDatasetOptions {
  /**
   * Every class id must occur in the data. Loaders that infer the classes from integer labels
   * (`0..max`) set it: one stray label (200 among 0-9) would otherwise create 190 empty classes.
   */
  everyClassPresent?: boolean;
  /** The test split must hold examples (an experiment evaluates on it); loaders allow an empty one. */
  requireTest?: boolean;
}

/**
 * Checks that a dataset can be learnt from and evaluated: both splits consistent, a non-empty
 * training split (and test split, with `requireTest`),
 * every label a valid index into `classNames`, and at least two classes in the training split
 * (a single class has no negatives and nothing to classify). Throws a `DatasetError` naming
 * `source` (the file or dataset) and the problem, so bad data fails at load time, not inside a
 * probe or k-means later.
 */
export function checkLabeledDataset(
  dataset: LabeledDataset,
  source: DatasetSource = dataset.name,
  options: CheckDatasetOptions = {},
): void {
  const numClasses = dataset.classNames.length;
  const sourceOf = (split: 'train' | 'test') => (typeof source === 'string' ? source : source[split]);
  for (const [name, split] of [
    ['train', dataset.train],
    ['test', dataset.test],
  ] as const) {
    try {
      validateSplit(split, `${name} split`);
    } catch (error) {
      throw new DatasetError((error as Error).message, sourceOf(name));
    }
    if (split.size === 0 && (name === 'train' || options.requireTest))
      throw new DatasetError(`the ${name} split has no examples`, sourceOf(name));
    const bad = firstLabelOutside(split, numClasses);
    if (bad !== undefined) {
      throw new DatasetError(
        `label ${split.labels[bad]} at index ${bad} of the ${name} split is outside the ${numClasses} class names [0, ${numClasses})`,
        sourceOf(name),
      );
    }
  }
  const present = new Set(dataset.train.labels);
  if (present.size < 2) {
    const only = [...present].map((label) => `'${dataset.classNames[label]}'`).join('');
    throw new DatasetError(
      `the training split has only one class (${only}): contrastive learning and its evaluation need at least 2`,
      sourceOf('train'),
    );
  }
  if (options.everyClassPresent) checkEveryClassPresent(dataset, sourceOf);
}

function checkEveryClassPresent(
  dataset: LabeledDataset,
  sourceOf: (split: 'train' | 'test') => string,
): void {
  const seen = new Uint8Array(dataset.classNames.length);
  let top = { label: -1, split: 'train' as 'train' | 'test', index: -1 };
  for (const split of ['train', 'test'] as const) {
    dataset[split].labels.forEach((label, index) => {
      seen[label] = 1;
      if (label > top.label) top = { label, split, index };
    });
  }
  const missing = [...seen.keys()].filter((id) => seen[id] === 0);
  if (missing.length === 0) return;
  const shown = missing.length > 3 ? `${missing[0]}..${missing[missing.length - 1]}` : missing.join(', ');
  throw new DatasetError(
    `class ids ${shown} never occur though labels run up to ${top.label} (index ${top.index}): ` +
      `a stray label? Labels must use every id 0..k-1, or give classNames`,
    sourceOf(top.split),
  );
}

function firstLabelOutside(split: LabeledSplit, numClasses: number): number | undefined {
  for (let i = 0; i < split.size; i++) {
    const label = split.labels[i];
    if (label < 0 || label >= numClasses) return i;
  }
  return undefined;
}
