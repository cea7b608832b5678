import type { LabeledDataset, LabeledSplit } from '../types';
import { decodeEmbeddedSubset, type RawSubsetSplit } from './decode-subset';
import { FASHION_MNIST_CLASS_NAMES } from './fashion-mnist-classes';
import { FASHION_MNIST_LICENCE } from './fashion-mnist-licence';
import { FASHION_MNIST_SUBSET_META } from './fashion-mnist-subset-meta.generated';

/** Options of {@link loadFashionMnistEmbedded}. */
export interface FashionMnistEmbeddedOptions {
  /** Keep only the first k train examples of each class (in subset order), 1..1000; default all 1000. */
  trainPerClass?: number;
  /** Keep only the first k test examples of each class (in subset order), 1..200; default all 200. */
  testPerClass?: number;
}

/**
 * The Fashion-MNIST subset shipped inside this package: 10,000 train (1,000 per class) and 2,000 test
 * (200 per class) real 28x28 grayscale images chosen by a seeded stratified procedure
 * (`tools/make-embedded-subset.js`, see docs/datasets.md). No network, works in browsers.
 * `exampleShape` is `[28, 28, 1]`, pixels in [0, 1]. The first call decodes the payload (tens of ms).
 */
export function loadFashionMnistEmbedded(options: FashionMnistEmbeddedOptions = {}): LabeledDataset {
  const { train, test } = decodeEmbeddedSubset();
  return {
    name: 'fashion-mnist-embedded',
    classNames: [...FASHION_MNIST_CLASS_NAMES],
    train: toSplit(train, checkPerClass('trainPerClass', options.trainPerClass, FASHION_MNIST_SUBSET_META.perClassTrain)),
    test: toSplit(test, checkPerClass('testPerClass', options.testPerClass, FASHION_MNIST_SUBSET_META.perClassTest)),
    licence: FASHION_MNIST_LICENCE,
  };
}

/** For each example of the embedded subset, its index in the official train / t10k IDX files. */
export function embeddedFashionMnistSourceIndices(): { train: Uint16Array; test: Uint16Array } {
  const { train, test } = decodeEmbeddedSubset();
  return { train: train.sourceIndices.slice(), test: test.sourceIndices.slice() };
}

function checkPerClass(name: string, value: number | undefined, max: number): number {
  if (value === undefined) return max;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be an integer in [1, ${max}], got ${value}`);
  }
  return value;
}

/** uint8 -> [0, 1] lookup table (exactly v / 255 in float32). */
const UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

function toSplit(raw: RawSubsetSplit, perClass: number): LabeledSplit {
  const { rows, cols } = FASHION_MNIST_SUBSET_META;
  const d = rows * cols;
  const keep: number[] = [];
  const seen = new Array<number>(FASHION_MNIST_CLASS_NAMES.length).fill(0);
  for (let i = 0; i < raw.size; i++) if (seen[raw.labels[i]]++ < perClass) keep.push(i);
  const x = new Float32Array(keep.length * d);
  const labels = new Int32Array(keep.length);
  for (let row = 0; row < keep.length; row++) {
    const from = keep[row] * d;
    const to = row * d;
    for (let p = 0; p < d; p++) x[to + p] = UNIT[raw.pixels[from + p]];
    labels[row] = raw.labels[keep[row]];
  }
  return { x, exampleShape: [rows, cols, 1], labels, size: keep.length };
}
