import { parse } from 'csv-parse/browser/esm/sync';
import type { LabeledDataset } from '@contrastive/datasets';
import type { PickedFile } from '../protocol';
import { splitUserDataset } from './split-user-dataset';
import { UserDatasetError } from './user-dataset-error';

/** Header names taken as the label column, wherever it stands; the first found in this order wins. */
const LABEL_HEADERS = ['label', 'class', 'target', 'species', 'y'];

const isNumber = (cell: string) => cell !== '' && Number.isFinite(Number(cell));

/**
 * A CSV of numeric features plus one label column: the column headed label/class/target/species/y,
 * else the last column when it holds class names or small integers. Features are z-scored (an
 * MLP trains badly on raw scales). A CSV whose columns are all measurements has no labels, and is
 * refused with what to add.
 */
export async function loadCsvFile(picked: PickedFile): Promise<LabeledDataset> {
  const text = await picked.file.text();
  let rows: string[][];
  try {
    rows = parse(text, { trim: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw new UserDatasetError(`${picked.path}: not a valid CSV: ${(error as Error).message}`);
  }
  if (rows.length === 0) throw new UserDatasetError(`${picked.path}: the file is empty`);
  const width = rows[0].length;
  if (width < 2) {
    throw new UserDatasetError(
      `${picked.path}: needs feature columns and a label column, found ${width} column`,
    );
  }
  const hasHeader = rows[0].some((cell) => !isNumber(cell));
  const header = hasHeader ? rows[0].map((h) => h.toLowerCase()) : [];
  const body = hasHeader ? rows.slice(1) : rows;
  if (body.length === 0) throw new UserDatasetError(`${picked.path}: a header but no data rows`);
  const named = LABEL_HEADERS.map((name) => header.indexOf(name)).find((index) => index >= 0) ?? -1;
  const labelColumn = named >= 0 ? named : width - 1;
  const labelCells = body.map((row) => row[labelColumn]);
  const distinct = new Set(labelCells);
  const looksLikeLabels =
    named >= 0 ||
    labelCells.some((cell) => !isNumber(cell)) ||
    (labelCells.every((cell) => /^\d+$/.test(cell)) && distinct.size <= Math.min(50, body.length / 2));
  if (!looksLikeLabels) {
    throw new UserDatasetError(
      `${picked.path}: no label column: every column holds measurements. Add a column headed ` +
        `'label' (or class, target, species) with each row's class, or put the class names in the last column`,
    );
  }
  const features = width - 1;
  const x = new Float32Array(body.length * features);
  body.forEach((row, i) => {
    let j = 0;
    row.forEach((cell, column) => {
      if (column === labelColumn) return;
      if (!isNumber(cell)) {
        const name = hasHeader ? `'${rows[0][column]}'` : `${column + 1}`;
        throw new UserDatasetError(
          `${picked.path}: line ${i + (hasHeader ? 2 : 1)}, column ${name}: '${cell}' is not a number`,
        );
      }
      x[i * features + j++] = Number(cell);
    });
  });
  standardizeColumns(x, features);
  const classNames = [...distinct].sort((a, b) =>
    isNumber(a) && isNumber(b) ? Number(a) - Number(b) : a < b ? -1 : 1,
  );
  const labels = Int32Array.from(labelCells, (cell) => classNames.indexOf(cell));
  return splitUserDataset(picked.path, classNames, {
    x,
    labels,
    exampleShape: [features],
    size: body.length,
  });
}

function standardizeColumns(x: Float32Array, columns: number): void {
  const rows = x.length / columns;
  for (let j = 0; j < columns; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += x[i * columns + j];
    mean /= rows;
    let variance = 0;
    for (let i = 0; i < rows; i++) variance += (x[i * columns + j] - mean) ** 2;
    const std = Math.sqrt(variance / rows) || 1;
    for (let i = 0; i < rows; i++) x[i * columns + j] = (x[i * columns + j] - mean) / std;
  }
}
