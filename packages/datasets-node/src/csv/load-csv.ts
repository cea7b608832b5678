import { SeededRandom } from '@contrastive/core';
import { checkLabeledDataset, DatasetError, stratifiedSplit, type LabeledDataset, type LabeledSplit } from '@contrastive/datasets';
import { parse } from 'csv-parse/sync';
import { readMaybeGzipped } from '../io/read-bytes';

/** Options of {@link loadCsv}. */
export interface CsvOptions {
  /** Path of the CSV (optionally gzip-compressed). */
  path: string;
  /** Separate test CSV with the same columns; else a stratified `testFraction` of `path` is held out. */
  testPath?: string;
  /** Label column: header name or 0-based index (default: the last column). */
  labelColumn?: string | number;
  /** Whether the first row is a header; `'auto'` (default) = yes when any of its feature cells is not a number. */
  header?: boolean | 'auto';
  /** Field separator (default `,`). */
  delimiter?: string;
  /** Held-out fraction per class when no `testPath` (default 0.2). */
  testFraction?: number;
  /** Seed of the train/test split. */
  seed?: number | string;
  /** Class names in label order; default: sorted distinct string labels, or `'0'..'k-1'` for integer labels. */
  classNames?: string[];
  /** Dataset name (default: the file name). */
  name?: string;
}

interface ParsedCsv {
  features: number[][];
  labels: string[];
  featureNames: string[];
}

/**
 * Loads a CSV of numeric features plus one label column. Labels may be strings (class names, mapped to
 * indices in sorted order unless `classNames` is given) or non-negative integers. Ragged rows, non-numeric
 * features, empty files and unknown label columns throw a {@link DatasetError} naming file, line and column.
 */
export async function loadCsv(options: CsvOptions): Promise<LabeledDataset> {
  const train = await parseCsvFile(options.path, options);
  const test = options.testPath ? await parseCsvFile(options.testPath, options) : undefined;
  if (test && test.featureNames.length !== train.featureNames.length) {
    throw new DatasetError(`has ${test.featureNames.length} feature columns, ${options.path} has ${train.featureNames.length}`, options.testPath);
  }
  const classNames = options.classNames ?? inferClassNames([...train.labels, ...(test?.labels ?? [])]);
  const toSplit = (parsed: ParsedCsv, file: string): LabeledSplit => {
    const d = parsed.featureNames.length;
    const x = new Float32Array(parsed.features.length * d);
    parsed.features.forEach((row, i) => x.set(row, i * d));
    const labels = Int32Array.from(parsed.labels, (label, i) => {
      const index = classNames.indexOf(label);
      if (index < 0) throw new DatasetError(`row ${i + 1}: label '${label}' is not one of the classes [${classNames.join(', ')}]`, file);
      return index;
    });
    return { x, exampleShape: [d], labels, size: parsed.features.length };
  };
  const all = toSplit(train, options.path);
  const splits = test
    ? { train: all, test: toSplit(test, options.testPath!) }
    : stratifiedSplit(all, options.testFraction ?? 0.2, new SeededRandom(options.seed ?? 0).fork('csv-split'));
  const dataset = { name: options.name ?? 'csv', classNames, ...splits };
  checkLabeledDataset(
    dataset,
    { train: options.path, test: options.testPath ?? options.path },
    { everyClassPresent: options.classNames === undefined },
  );
  return dataset;
}

function inferClassNames(labels: string[]): string[] {
  const distinct = [...new Set(labels)];
  if (distinct.every((label) => /^\d+$/.test(label))) {
    const max = Math.max(...distinct.map(Number));
    return Array.from({ length: max + 1 }, (_, i) => String(i));
  }
  return distinct.sort();
}

async function parseCsvFile(path: string, options: CsvOptions): Promise<ParsedCsv> {
  const text = new TextDecoder().decode(await readMaybeGzipped(path));
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: options.delimiter ?? ',', trim: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw new DatasetError(`invalid CSV: ${(error as Error).message}`, path);
  }
  if (rows.length === 0) throw new DatasetError('empty CSV: no rows', path);
  const width = rows[0].length;
  if (width < 2) throw new DatasetError(`needs at least 2 columns (features + label), found ${width}`, path);
  const header = options.header ?? 'auto';
  const labelGuess = typeof options.labelColumn === 'number' ? options.labelColumn : width - 1;
  const hasHeader =
    header === 'auto'
      ? typeof options.labelColumn === 'string' || rows[0].some((cell, j) => j !== labelGuess && !isNumber(cell))
      : header;
  const names = hasHeader ? rows[0] : rows[0].map((_, j) => `column ${j}`);
  const labelIndex = resolveLabelColumn(options.labelColumn, names, width, hasHeader, path);
  const body = hasHeader ? rows.slice(1) : rows;
  if (body.length === 0) throw new DatasetError('CSV has a header but no data rows', path);
  const features: number[][] = [];
  const labels: string[] = [];
  const firstLine = hasHeader ? 2 : 1;
  body.forEach((row, i) => {
    const values: number[] = [];
    row.forEach((cell, j) => {
      if (j === labelIndex) return;
      if (!isNumber(cell)) {
        throw new DatasetError(`line ${firstLine + i}, column '${names[j]}': '${cell}' is not a number`, path);
      }
      values.push(Number(cell));
    });
    if (row[labelIndex] === '') throw new DatasetError(`line ${firstLine + i}: empty label in column '${names[labelIndex]}'`, path);
    features.push(values);
    labels.push(row[labelIndex]);
  });
  return { features, labels, featureNames: names.filter((_, j) => j !== labelIndex) };
}

function resolveLabelColumn(column: string | number | undefined, names: string[], width: number, hasHeader: boolean, path: string): number {
  if (column === undefined) return width - 1;
  if (typeof column === 'number') {
    if (!Number.isInteger(column) || column < 0 || column >= width) {
      throw new DatasetError(`labelColumn ${column} is outside [0, ${width})`, path);
    }
    return column;
  }
  const index = hasHeader ? names.indexOf(column) : -1;
  if (index < 0) throw new DatasetError(`label column '${column}' not found; columns: ${names.join(', ')}`, path);
  return index;
}

function isNumber(cell: string): boolean {
  return cell !== '' && Number.isFinite(Number(cell));
}
