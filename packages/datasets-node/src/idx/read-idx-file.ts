import { checkLabeledDataset, DatasetError, idxToSplit, parseIdx, type IdxArray, type LabeledDataset, type LabeledSplit } from '@contrastive/datasets';
import { readMaybeGzipped } from '../io/read-bytes';

/** Reads and parses an IDX file, raw or gzip-compressed. Errors name the file. */
export async function readIdxFile(path: string): Promise<IdxArray> {
  return parseIdx(await readMaybeGzipped(path), path);
}

/** Paths of an images/labels IDX pair. */
export interface IdxPair {
  /** Path of the images file. */
  images: string;
  /** Path of the labels file. */
  labels: string;
}

/** Loads an images/labels IDX pair into a split (uint8 scaled to [0, 1]); count mismatches name the files. */
export async function loadIdxSplit(pair: IdxPair, numClasses?: number): Promise<LabeledSplit> {
  const [images, labels] = await Promise.all([readIdxFile(pair.images), readIdxFile(pair.labels)]);
  return idxToSplit(images, labels, { imagesSource: pair.images, labelsSource: pair.labels, numClasses });
}

/** Options of {@link loadIdxDataset}. */
export interface IdxDatasetOptions {
  /** Files of the training split. */
  train: IdxPair;
  /** Files of the test split. */
  test: IdxPair;
  /** Dataset name. */
  name?: string;
  /** Class names, index = label; default `'0'..String(max label)`. Labels beyond them are an error. */
  classNames?: string[];
}

/** A dataset from two IDX pairs (e.g. any MNIST-format data). */
export async function loadIdxDataset(options: IdxDatasetOptions): Promise<LabeledDataset> {
  const numClasses = options.classNames?.length;
  const [train, test] = await Promise.all([loadIdxSplit(options.train, numClasses), loadIdxSplit(options.test, numClasses)]);
  if (train.exampleShape.join() !== test.exampleShape.join()) {
    throw new DatasetError(
      `test examples have shape [${test.exampleShape}] but train examples (${options.train.images}) have [${train.exampleShape}]`,
      options.test.images,
    );
  }
  let max = -1;
  for (const split of [train, test]) for (const label of split.labels) max = Math.max(max, label);
  const classNames = options.classNames ?? Array.from({ length: max + 1 }, (_, i) => String(i));
  const dataset = { name: options.name ?? 'idx', classNames, train, test };
  checkLabeledDataset(
    dataset,
    { train: options.train.labels, test: options.test.labels },
    { everyClassPresent: options.classNames === undefined },
  );
  return dataset;
}
