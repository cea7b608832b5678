import { promises as fs } from 'fs';
import * as path from 'path';
import { useBackend } from '@contrastive/backend';
import { extractFeatures } from '@contrastive/trainers';
import { CliError, EXIT } from '../cli-error';
import { createDefaultRegistry } from '../experiment/create-registry';
import { encodeNpy } from '../output/npy';
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
  backend: string;
}

const FORMATS = ['npy', 'csv', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];

/** `contrastive embed`: a split's features or embeddings plus labels, as .npy, CSV or JSONL. */
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
  await useBackend(options.backend as never, { log: (line: string) => reporter.info(line) });
  const dataset = await loadDataset(createDefaultRegistry(), options.dataset, options.datasetOptions);
  const split = options.split === 'train' ? dataset.train : dataset.test;
  const model = await loadModelDirectory(options.model, split.exampleShape);
  let matrix;
  try {
    matrix = extractFeatures(
      (x) => (options.space === 'features' ? model.features(x, false) : model.embed(x)),
      split,
    );
  } finally {
    model.dispose();
  }
  await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  const written = [options.out];
  if (format === 'npy') {
    await fs.writeFile(options.out, encodeNpy(matrix.data, [matrix.rows, matrix.cols]));
    const labelsFile = options.out.replace(/\.npy$/, '') + '.labels.npy';
    await fs.writeFile(labelsFile, encodeNpy(split.labels, [split.size]));
    written.push(labelsFile);
  } else {
    await fs.writeFile(
      options.out,
      format === 'csv' ? toCsv(matrix, split.labels) : toJsonl(matrix, split.labels, dataset.classNames),
    );
  }
  reporter.result(
    `wrote ${matrix.rows} x ${matrix.cols} ${options.space} of ${dataset.name}/${options.split} to ${written.join(' and ')}`,
    {
      files: written,
      rows: matrix.rows,
      cols: matrix.cols,
    },
  );
  return EXIT.ok;
}

function rows(matrix: { data: Float32Array; rows: number; cols: number }, row: number): Float32Array {
  return matrix.data.subarray(row * matrix.cols, (row + 1) * matrix.cols);
}

function toCsv(matrix: { data: Float32Array; rows: number; cols: number }, labels: Int32Array): string {
  const header = ['label', ...Array.from({ length: matrix.cols }, (_, i) => `e${i}`)].join(',');
  const lines = [header];
  for (let r = 0; r < matrix.rows; r++) lines.push([labels[r], ...rows(matrix, r)].join(','));
  return `${lines.join('\n')}\n`;
}

function toJsonl(
  matrix: { data: Float32Array; rows: number; cols: number },
  labels: Int32Array,
  classNames: string[],
): string {
  const lines: string[] = [];
  for (let r = 0; r < matrix.rows; r++) {
    lines.push(
      JSON.stringify({
        label: labels[r],
        class: classNames[labels[r]],
        embedding: Array.from(rows(matrix, r)),
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}
