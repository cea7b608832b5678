import { DatasetError } from '../errors/dataset-error';
import type { LabeledSplit } from '../types';
import type { IdxArray } from './parse-idx';

/** Options of {@link idxToSplit}. */
export interface IdxToSplitOptions {
  /** Name of the images source, used in error messages. */
  imagesSource?: string;
  /** Name of the labels source, used in error messages. */
  labelsSource?: string;
  /** Number of classes, when known: labels outside `[0, numClasses)` are an error. */
  numClasses?: number;
  /** Divide values by this (default 255 for uint8 images, 1 otherwise). */
  scale?: number;
}

/**
 * Pairs an IDX image array `[N, ...]` with an IDX label array `[N]` into a {@link LabeledSplit}.
 * Rank-3 uint8 images `[N, H, W]` get a channel axis (`exampleShape` `[H, W, 1]`) and are scaled to [0, 1].
 * A count mismatch, non-integer or out-of-range labels throw a {@link DatasetError} naming the file.
 */
export function idxToSplit(images: IdxArray, labels: IdxArray, options: IdxToSplitOptions = {}): LabeledSplit {
  const { imagesSource = 'images', labelsSource = 'labels', numClasses } = options;
  if (labels.dims.length !== 1) {
    throw new DatasetError(`labels must be rank 1 [N], got dims [${labels.dims.join(', ')}]`, labelsSource);
  }
  const size = images.dims[0];
  if (labels.dims[0] !== size) {
    throw new DatasetError(
      `label/image count mismatch: ${labels.dims[0]} labels but ${imagesSource} has ${size} images`,
      labelsSource,
    );
  }
  const exampleShape = images.dims.length === 3 ? [images.dims[1], images.dims[2], 1] : images.dims.slice(1);
  if (exampleShape.length === 0) exampleShape.push(1);
  const scale = options.scale ?? (images.dtype === 'uint8' ? 255 : 1);
  const x = new Float32Array(images.data.length);
  for (let i = 0; i < x.length; i++) x[i] = images.data[i] / scale;
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const value = labels.data[i];
    if (!Number.isInteger(value) || value < 0 || (numClasses !== undefined && value >= numClasses)) {
      const range = numClasses !== undefined ? `[0, ${numClasses})` : 'non-negative integers';
      throw new DatasetError(`label ${value} at index ${i} is outside ${range}`, labelsSource);
    }
    out[i] = value;
  }
  return { x, exampleShape, labels: out, size };
}
