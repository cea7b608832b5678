import { definePlugin, parsePluginOptions, SeededRandom, z } from '@contrastive/core';
import { stratifiedSplit } from '../split/stratified-split';
import type { LabeledDataset, LabeledSplit } from '../types';
import { IRIS_CLASS_NAMES, IRIS_FEATURES, IRIS_LABELS } from './iris-data';

/** Options of {@link loadIris} and the `iris` dataset plugin. */
export const irisOptionsSchema = z
  .object({
    testFraction: z.number().min(0).lt(1).default(0.2).describe('fraction of each class held out for test, in [0, 1) (0.2: 120 train / 30 test)'),
    seed: z.union([z.number(), z.string()]).default(0).describe('seed of the stratified split'),
    standardize: z.boolean().default(false).describe("z-score features with the train split's per-feature mean and standard deviation"),
  })
  .strict();

/** What the loader and a config accept: the schema's input, defaults optional. */
export type IrisOptions = z.input<typeof irisOptionsSchema>;

/** All 150 Iris rows as one split (`exampleShape` `[4]`, raw centimetres). */
export function irisSplit(): LabeledSplit {
  return {
    x: Float32Array.from(IRIS_FEATURES.flat()),
    exampleShape: [4],
    labels: Int32Array.from(IRIS_LABELS),
    size: IRIS_FEATURES.length,
  };
}

/** Iris (public domain) with a seeded stratified train/test split; class names setosa, versicolor, virginica. */
export function loadIris(options: IrisOptions = {}): LabeledDataset {
  const { testFraction, seed, standardize } = parsePluginOptions(irisOptionsSchema, options, { kind: 'dataset', id: 'iris' });
  const { train, test } = stratifiedSplit(irisSplit(), testFraction, new SeededRandom(seed).fork('iris-split'));
  if (standardize) standardizeWith(train, [train, test]);
  return { name: 'iris', classNames: [...IRIS_CLASS_NAMES], train, test };
}

function standardizeWith(reference: LabeledSplit, splits: LabeledSplit[]): void {
  const d = reference.exampleShape[0];
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0; i < reference.size; i++) for (let j = 0; j < d; j++) mean[j] += reference.x[i * d + j] / reference.size;
  for (let i = 0; i < reference.size; i++) for (let j = 0; j < d; j++) sq[j] += (reference.x[i * d + j] - mean[j]) ** 2 / reference.size;
  const std = Array.from(sq, (v) => Math.sqrt(v) || 1);
  for (const split of splits) for (let i = 0; i < split.x.length; i++) split.x[i] = (split.x[i] - mean[i % d]) / std[i % d];
}

/** The `iris` dataset plugin. */
export const irisPlugin = definePlugin({
  kind: 'dataset',
  id: 'iris',
  description: 'Fisher Iris, 150 rows x 4 features, 3 classes, seeded stratified train/test split (public domain)',
  optionsSchema: irisOptionsSchema,
  create: loadIris,
});
