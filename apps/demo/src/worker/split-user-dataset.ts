import { SeededRandom } from '@contrastive/core';
import {
  checkLabeledDataset,
  stratifiedSplit,
  type LabeledDataset,
  type LabeledSplit,
} from '@contrastive/datasets';
import { UserDatasetError } from './user-dataset-error';

/** Fraction of each class held out as the test split (the embedding and the scores are on it). */
export const TEST_FRACTION = 0.25;

/**
 * The user's examples as a train/test dataset: at least two classes with two examples each
 * (one to train on, one to test), split per class with a fixed seed.
 */
export function splitUserDataset(name: string, classNames: string[], all: LabeledSplit): LabeledDataset {
  if (classNames.length < 2) {
    throw new UserDatasetError(
      `${name}: only one class (${classNames[0] ?? 'none'}); contrastive training compares classes, so it needs at least two`,
    );
  }
  const counts = new Array<number>(classNames.length).fill(0);
  for (const label of all.labels) counts[label]++;
  const tooSmall = classNames.filter((_, c) => counts[c] < 2);
  if (tooSmall.length) {
    throw new UserDatasetError(
      `${name}: class ${tooSmall.map((c) => `'${c}'`).join(', ')} has fewer than 2 examples; each class needs one to train on and one to test`,
    );
  }
  const dataset = {
    name,
    classNames,
    ...stratifiedSplit(all, TEST_FRACTION, new SeededRandom(0).fork('demo-split')),
  };
  checkLabeledDataset(dataset, name, { requireTest: true });
  return dataset;
}
