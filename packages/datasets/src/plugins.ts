import { createPluginModule, definePlugin, z, type PluginDefinition } from '@contrastive/core';
import { loadFashionMnistEmbedded } from './embedded/fashion-mnist-embedded';
import { loadIris } from './iris/iris';
import type { LabeledDataset } from './types';

/** Options of the `fashion-mnist-embedded` dataset plugin. */
export const fashionMnistEmbeddedOptionsSchema = z
  .object({
    trainPerClass: z.number().int().min(1).max(1000).default(1000),
    testPerClass: z.number().int().min(1).max(200).default(200),
  })
  .strict();

/** Options of the `iris` dataset plugin. */
export const irisOptionsSchema = z
  .object({
    testFraction: z.number().min(0).lt(1).default(0.2),
    seed: z.union([z.number(), z.string()]).default(0),
    standardize: z.boolean().default(false),
  })
  .strict();

/** The `dataset` plugins of this package (no file IO, no network: they work in browsers). */
export const datasetPlugins: ReadonlyArray<PluginDefinition<unknown, LabeledDataset>> = [
  definePlugin({
    kind: 'dataset',
    id: 'fashion-mnist-embedded',
    description: 'Fashion-MNIST subset shipped in the package: 10k train + 2k test, stratified, 28x28x1 in [0,1] (MIT)',
    optionsSchema: fashionMnistEmbeddedOptionsSchema,
    create: (options) => loadFashionMnistEmbedded(options),
  }),
  definePlugin({
    kind: 'dataset',
    id: 'iris',
    description: 'Fisher Iris, 150 rows x 4 features, 3 classes, seeded stratified train/test split (public domain)',
    optionsSchema: irisOptionsSchema,
    create: (options) => loadIris(options),
  }),
] as ReadonlyArray<PluginDefinition<unknown, LabeledDataset>>;

/** Registers `fashion-mnist-embedded` and `iris`: `registry.load(datasetsModule)`. */
export const datasetsModule = createPluginModule(datasetPlugins);
