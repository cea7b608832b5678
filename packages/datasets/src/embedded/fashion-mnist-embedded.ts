import { definePlugin, parsePluginOptions, z } from '@contrastive/core';
import type { LabeledDataset, LabeledSplit } from '../types';
import { decodeEmbeddedSubset, type RawSubsetSplit } from './decode-subset';
import { FASHION_MNIST_CLASS_NAMES } from './fashion-mnist-classes';
import { FASHION_MNIST_LICENCE } from './fashion-mnist-licence';
import { FASHION_MNIST_SUBSET_META } from './fashion-mnist-subset-meta.generated';

const { perClassTrain, perClassTest } = FASHION_MNIST_SUBSET_META;

/** Options of {@link loadFashionMnistEmbedded} and the `fashion-mnist-embedded` dataset plugin. */
export const fashionMnistEmbeddedOptionsSchema = z
  .object({
    trainPerClass: z
      .number()
      .int()
      .min(1)
      .max(perClassTrain)
      .default(perClassTrain)
      .describe(`keep only the first k train examples of each class (in subset order), 1..${perClassTrain}; default all`),
    testPerClass: z
      .number()
      .int()
      .min(1)
      .max(perClassTest)
      .default(perClassTest)
      .describe(`keep only the first k test examples of each class (in subset order), 1..${perClassTest}; default all`),
  })
  .strict();

/** What the loader and a config accept: the schema's input, defaults optional. */
export type FashionMnistEmbeddedOptions = z.input<typeof fashionMnistEmbeddedOptionsSchema>;

/**
 * The Fashion-MNIST subset shipped inside this package: 10,000 train (1,000 per class) and 2,000 test
 * (200 per class) real 28x28 grayscale images chosen by a seeded stratified procedure
 * (`tools/make-embedded-subset.js`, see docs/datasets.md). No network, works in browsers.
 * `exampleShape` is `[28, 28, 1]`, pixels in [0, 1]. The first call decodes the payload (tens of ms).
 */
export function loadFashionMnistEmbedded(options: FashionMnistEmbeddedOptions = {}): LabeledDataset {
  const { trainPerClass, testPerClass } = parsePluginOptions(fashionMnistEmbeddedOptionsSchema, options, {
    kind: 'dataset',
    id: 'fashion-mnist-embedded',
  });
  const { train, test } = decodeEmbeddedSubset();
  return {
    name: 'fashion-mnist-embedded',
    classNames: [...FASHION_MNIST_CLASS_NAMES],
    train: toSplit(train, trainPerClass),
    test: toSplit(test, testPerClass),
    licence: FASHION_MNIST_LICENCE,
  };
}

/** For each example of the embedded subset, its index in the official train / t10k IDX files. */
export function embeddedFashionMnistSourceIndices(): { train: Uint16Array; test: Uint16Array } {
  const { train, test } = decodeEmbeddedSubset();
  return { train: train.sourceIndices.slice(), test: test.sourceIndices.slice() };
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

/** The `fashion-mnist-embedded` dataset plugin. */
export const fashionMnistEmbeddedPlugin = definePlugin({
  kind: 'dataset',
  id: 'fashion-mnist-embedded',
  description: 'Fashion-MNIST subset shipped in the package: 10k train + 2k test, stratified, 28x28x1 in [0,1] (MIT)',
  optionsSchema: fashionMnistEmbeddedOptionsSchema,
  create: loadFashionMnistEmbedded,
});
