import { promises as fs } from 'fs';
import * as path from 'path';
import { useBackend, type BackendRequest, type ThreadsRequest } from '@contrastive/backend';
import { CliError, EXIT } from '../cli-error';
import { checkOutputFiles } from '../output/check-output-files';
import { createDefaultRegistry } from '../experiment/create-registry';
import { stagingPath } from '../output/atomic-write';
import {
  EMBEDDING_FORMATS,
  labelsFileOf,
  openEmbeddingWriter,
  type EmbeddingFormat,
} from '../output/embedding-writers';
import { streamEmbeddings } from '../output/stream-embeddings';
import { loadModelDirectory } from '../output/save-model';
import type { ConsoleReporter } from '../output/console-reporter';
import { loadDataset } from './load-dataset';

export interface EmbedCommandOptions {
  model: string;
  out: string;
  dataset: string;
  datasetOptions?: string;
  split: string;
  space: string;
  format?: string;
  backend: BackendRequest;
  /** wasm and native-kernel threads (`useBackend`'s rule: default CONTRASTIVE_THREADS, else auto). */
  threads?: ThreadsRequest;
  force?: boolean;
}

const FORMATS = EMBEDDING_FORMATS;
type Format = EmbeddingFormat;

/**
 * `contrastive embed`: a split's features or embeddings plus labels, as .npy, CSV or JSONL,
 * streamed a batch at a time (memory stays flat however large the split) into a staging folder
 * beside `--out`, then renamed into place: existing files are replaced only with `--force`, and
 * never left half-written.
 */
export async function embedCommand(options: EmbedCommandOptions, reporter: ConsoleReporter): Promise<number> {
  const format = (options.format ?? path.extname(options.out).slice(1)) as Format;
  if (!FORMATS.includes(format)) {
    throw new CliError(
      `unknown output format '${format}' (use --format npy|csv|jsonl or a .npy/.csv/.jsonl file name)`,
      EXIT.usage,
    );
  }
  if (options.split !== 'train' && options.split !== 'test') {
    throw new CliError(`--split must be 'train' or 'test', got '${options.split}'`, EXIT.usage);
  }
  if (options.space !== 'features' && options.space !== 'embeddings') {
    throw new CliError(`--space must be 'features' or 'embeddings', got '${options.space}'`, EXIT.usage);
  }
  await checkOutputFiles(
    format === 'npy' ? [options.out, labelsFileOf(options.out)] : [options.out],
    options.force,
  );
  await useBackend(options.backend, { threads: options.threads, log: (line: string) => reporter.info(line) });
  const dataset = await loadDataset(createDefaultRegistry(), options.dataset, options.datasetOptions);
  const split = options.split === 'train' ? dataset.train : dataset.test;
  const model = await loadModelDirectory(options.model, split.exampleShape);
  const cols = options.space === 'features' ? model.featureDim : model.embeddingDim;
  let written: string[];
  const outDir = path.dirname(options.out);
  const staging = stagingPath(path.resolve(options.out));
  try {
    await fs.mkdir(staging, { recursive: true });
    const writer = await openEmbeddingWriter(format, path.join(staging, path.basename(options.out)), {
      rows: split.size,
      cols,
      classNames: dataset.classNames,
    });
    try {
      await streamEmbeddings(
        (x) => (options.space === 'features' ? model.features(x, false) : model.embed(x)),
        split,
        writer,
      );
    } catch (error) {
      await writer.abort();
      throw error;
    }
    written = [];
    for (const staged of await writer.close()) {
      const target = path.join(outDir, path.basename(staged));
      await fs.rename(staged, target);
      written.push(target);
    }
  } finally {
    model.dispose();
    await fs.rm(staging, { recursive: true, force: true });
  }
  reporter.result(
    `wrote ${split.size} x ${cols} ${options.space} of ${dataset.name}/${options.split} to ${written.join(' and ')}`,
    {
      files: written,
      rows: split.size,
      cols,
    },
  );
  return EXIT.ok;
}
