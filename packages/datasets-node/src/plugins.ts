import { createPluginModule, definePlugin, z, type PluginDefinition } from '@contrastive/core';
import type { LabeledDataset } from '@contrastive/datasets';
import { loadCsv } from './csv/load-csv';
import { loadImageFolder } from './images/load-image-folder';
import { loadIdxDataset } from './idx/read-idx-file';
import { loadFashionMnist, loadMnist } from './mnist/load-mnist-like';

const checksumSchema = z.object({ md5: z.string().optional(), sha256: z.string().optional() }).strict();
const seedSchema = z.union([z.number(), z.string()]).default(0);

/** Options of the `fashion-mnist` and `mnist` plugins (see `MnistLoadOptions`). */
export const mnistOptionsSchema = z
  .object({
    dir: z.string().optional(),
    cacheDir: z.string().optional(),
    download: z.boolean().optional(),
    baseUrl: z.string().optional(),
    checksums: z.record(z.string(), checksumSchema).optional(),
    systemDirs: z.array(z.string()).optional(),
    timeoutMs: z.number().int().positive().optional(),
  })
  .strict();

const idxPairSchema = z.object({ images: z.string(), labels: z.string() }).strict();

/** Options of the `idx` plugin. */
export const idxOptionsSchema = z
  .object({ train: idxPairSchema, test: idxPairSchema, name: z.string().default('idx'), classNames: z.array(z.string()).optional() })
  .strict();

/** Options of the `csv` plugin. */
export const csvOptionsSchema = z
  .object({
    path: z.string(),
    testPath: z.string().optional(),
    labelColumn: z.union([z.string(), z.number().int().min(0)]).optional(),
    header: z.union([z.boolean(), z.literal('auto')]).default('auto'),
    delimiter: z.string().default(','),
    testFraction: z.number().min(0).lt(1).default(0.2),
    seed: seedSchema,
    classNames: z.array(z.string()).optional(),
    name: z.string().default('csv'),
  })
  .strict();

/** Options of the `image-folder` plugin. */
export const imageFolderOptionsSchema = z
  .object({
    root: z.string(),
    testRoot: z.string().optional(),
    testFraction: z.number().min(0).lt(1).default(0.2),
    seed: seedSchema,
    size: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
    resize: z.enum(['none', 'bilinear']).default('none'),
    channels: z.union([z.literal(1), z.literal(3), z.literal('auto')]).default('auto'),
    name: z.string().default('image-folder'),
  })
  .strict();

/** The file-backed `dataset` plugins (Node only); instances are `Promise<LabeledDataset>`. */
export const datasetNodePlugins: ReadonlyArray<PluginDefinition<unknown, Promise<LabeledDataset>>> = [
  definePlugin({
    kind: 'dataset',
    id: 'fashion-mnist',
    description: 'full Fashion-MNIST (60k/10k) from a dir, $CONTRASTIVE_FASHION_MNIST_DIR, cache, /usr/share/datasets or a verified download',
    optionsSchema: mnistOptionsSchema,
    create: (options) => loadFashionMnist(options),
  }),
  definePlugin({
    kind: 'dataset',
    id: 'mnist',
    description: 'full MNIST (60k/10k) from a dir, $CONTRASTIVE_MNIST_DIR, cache or a verified download',
    optionsSchema: mnistOptionsSchema,
    create: (options) => loadMnist(options),
  }),
  definePlugin({
    kind: 'dataset',
    id: 'idx',
    description: 'any MNIST-format data: train/test images+labels IDX files (raw or .gz)',
    optionsSchema: idxOptionsSchema,
    create: (options) => loadIdxDataset(options),
  }),
  definePlugin({
    kind: 'dataset',
    id: 'csv',
    description: 'CSV of numeric features + a label column (string or integer labels)',
    optionsSchema: csvOptionsSchema,
    create: (options) => loadCsv(options),
  }),
  definePlugin({
    kind: 'dataset',
    id: 'image-folder',
    description: 'root/<class>/*.png|jpg decoded with pngjs/jpeg-js, validated or resized to one shape',
    optionsSchema: imageFolderOptionsSchema,
    create: (options) => loadImageFolder(options),
  }),
] as ReadonlyArray<PluginDefinition<unknown, Promise<LabeledDataset>>>;

/** Registers `fashion-mnist`, `mnist`, `idx`, `csv`, `image-folder`: `registry.load(datasetsModule, datasetsNodeModule)`. */
export const datasetsNodeModule = createPluginModule(datasetNodePlugins);
