import * as tf from '@tensorflow/tfjs-core';
import { assertSynchronousReads } from '@contrastive/core';

/**
 * A 2-D matrix `[N, D]`: a rank-2 tensor, an array of rows (plain arrays or typed arrays), or a
 * row-major {@link DenseMatrix}.
 */
export type MatrixInput = tf.Tensor | ReadonlyArray<ArrayLike<number>> | DenseMatrix;

/** A 1-D label vector `[N]`: a rank-1 tensor or an array / typed array of integers. */
export type LabelInput = tf.Tensor | ArrayLike<number>;

/** A matrix read back into a row-major `Float32Array`. */
export interface DenseMatrix {
  /** The values, row-major. */
  readonly data: Float32Array;
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
}

function describeShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

function checkFinite(data: ArrayLike<number>, name: string, cols: number): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / cols);
      throw new Error(`${name}: expected finite values, got ${data[i]} at row ${row}, column ${i % cols}`);
    }
  }
}

function isDenseMatrix(x: unknown): x is DenseMatrix {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    (x as DenseMatrix).data instanceof Float32Array
  );
}

const READ_ON_HOST = 'read it with `await readMatrixAsync(tensor)` (or `readLabelsAsync`) and pass the values';

function checkMatrixTensor(x: tf.Tensor, name: string): [number, number] {
  if (x.rank !== 2) {
    throw new Error(`${name}: expected a rank-2 tensor [N, D], got rank ${x.rank} with shape ${describeShape(x.shape)}`);
  }
  const [rows, cols] = x.shape as [number, number];
  if (rows < 1 || cols < 1)
    throw new Error(`${name}: expected a non-empty [N, D] matrix, got shape ${describeShape(x.shape)}`);
  return [rows, cols];
}

function denseFromTensorValues(values: ArrayLike<number>, dtype: tf.DataType, shape: [number, number], name: string): DenseMatrix {
  // A float32 read is already a fresh copy; other dtypes are converted.
  const data = dtype === 'float32' ? (values as Float32Array) : Float32Array.from(values);
  checkFinite(data, name, shape[1]);
  return { data, rows: shape[0], cols: shape[1] };
}

/**
 * Reads a matrix input into a row-major Float32Array, checking rank 2, at least one row and column,
 * equal row lengths and finite values. Never disposes a tensor input. A tensor is read
 * synchronously, which GPU backends cannot serve: there it throws, and {@link readMatrixAsync} is
 * the way (the metrics, the probe and the neighbour search use it, so they run on every backend).
 */
export function readMatrix(x: MatrixInput, name: string): DenseMatrix {
  if (x instanceof tf.Tensor) {
    const shape = checkMatrixTensor(x, name);
    assertSynchronousReads(tf.getBackend(), `${name} (a tensor)`, READ_ON_HOST);
    return denseFromTensorValues((x.dataSync() as Float32Array).slice(), x.dtype, shape, name);
  }
  if (isDenseMatrix(x)) {
    if (
      !Number.isInteger(x.rows) ||
      !Number.isInteger(x.cols) ||
      x.rows < 1 ||
      x.cols < 1 ||
      x.data.length !== x.rows * x.cols
    ) {
      throw new Error(
        `${name}: expected a non-empty dense matrix with data.length = rows*cols, got rows=${x.rows}, cols=${x.cols}, data.length=${x.data.length}`,
      );
    }
    checkFinite(x.data, name, x.cols);
    return x;
  }
  if (!Array.isArray(x)) {
    throw new Error(
      `${name}: expected a rank-2 tf.Tensor or an array of rows, got ${x === null ? 'null' : typeof x}`,
    );
  }
  const rows = x.length;
  if (rows < 1) throw new Error(`${name}: expected at least one row, got 0`);
  const first = x[0];
  if (
    first === null ||
    typeof first !== 'object' ||
    typeof (first as ArrayLike<number>).length !== 'number'
  ) {
    throw new Error(`${name}: expected an array of rows (rank 2), got an array of ${typeof first} (rank 1?)`);
  }
  const cols = first.length;
  if (cols < 1) throw new Error(`${name}: expected rows with at least one column, got 0`);
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = x[r];
    if (row === null || typeof row !== 'object' || row.length !== cols) {
      throw new Error(
        `${name}: expected every row to have ${cols} values, row ${r} has ${row?.length ?? typeof row}`,
      );
    }
    for (let c = 0; c < cols; c++) data[r * cols + c] = row[c];
  }
  checkFinite(data, name, cols);
  return { data, rows, cols };
}

/**
 * {@link readMatrix} on every backend: a tensor is read with one `await tensor.data()` (on CPU
 * backends that resolves at once; on GPU backends it waits for the queue without blocking it).
 * Host inputs are checked as {@link readMatrix} does.
 */
export async function readMatrixAsync(x: MatrixInput, name: string): Promise<DenseMatrix> {
  if (!(x instanceof tf.Tensor)) return readMatrix(x, name);
  const shape = checkMatrixTensor(x, name);
  return denseFromTensorValues(await x.data(), x.dtype, shape, name);
}

/** Reads a matrix input as a float32 tensor `[N, D]` (a new tensor the caller owns; validated like {@link readMatrix}). */
export function toMatrixTensor(x: MatrixInput, name: string): tf.Tensor2D {
  const m = readMatrix(x, name);
  return tf.tensor2d(m.data, [m.rows, m.cols], 'float32');
}

/**
 * Reads labels into an Int32Array, checking rank 1, integer values and (when given) the expected length,
 * whose mismatch is reported against `countName` (e.g. "embeddings rows").
 */
export function readLabels(
  labels: LabelInput,
  name: string,
  expectedLength?: number,
  countName = 'rows',
): Int32Array {
  let values: ArrayLike<number>;
  if (labels instanceof tf.Tensor) {
    if (labels.rank !== 1) {
      throw new Error(
        `${name}: expected a rank-1 tensor [N], got rank ${labels.rank} with shape ${describeShape(labels.shape)}`,
      );
    }
    assertSynchronousReads(tf.getBackend(), `${name} (a tensor)`, READ_ON_HOST);
    values = labels.dataSync() as ArrayLike<number>;
  } else if (labels !== null && typeof labels === 'object' && typeof labels.length === 'number') {
    values = labels;
  } else {
    throw new Error(
      `${name}: expected a rank-1 tf.Tensor or an array of integers, got ${labels === null ? 'null' : typeof labels}`,
    );
  }
  if (expectedLength !== undefined && values.length !== expectedLength) {
    throw new Error(
      `${name}: expected ${expectedLength} labels (one per ${countName}), got ${values.length}`,
    );
  }
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new Error(`${name}: expected integer labels, got ${String(v)} at index ${i}`);
    }
    out[i] = v;
  }
  return out;
}

/** {@link readLabels} on every backend: a tensor is read with one `await tensor.data()`. */
export async function readLabelsAsync(
  labels: LabelInput,
  name: string,
  expectedLength?: number,
  countName = 'rows',
): Promise<Int32Array> {
  if (labels instanceof tf.Tensor) {
    if (labels.rank !== 1) return readLabels(labels, name, expectedLength, countName); // throws the rank error
    labels = (await labels.data()) as ArrayLike<number>;
  }
  return readLabels(labels, name, expectedLength, countName);
}

/** Row-wise L2 normalisation of a row-major matrix (rows of norm 0 stay 0), into a new array. */
export function l2NormaliseRows(m: DenseMatrix): DenseMatrix {
  const out = new Float32Array(m.data.length);
  for (let r = 0; r < m.rows; r++) {
    let s = 0;
    const o = r * m.cols;
    for (let c = 0; c < m.cols; c++) s += m.data[o + c] * m.data[o + c];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let c = 0; c < m.cols; c++) out[o + c] = m.data[o + c] * inv;
  }
  return { data: out, rows: m.rows, cols: m.cols };
}

/** Rows of a dense matrix as plain arrays (for libraries that take `number[][]`). */
export function toRows(m: DenseMatrix): number[][] {
  const rows: number[][] = new Array(m.rows);
  for (let r = 0; r < m.rows; r++) rows[r] = Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols));
  return rows;
}
