import { DatasetError } from '../errors/dataset-error';

/** IDX element types, keyed by the type byte of the magic number. */
export const IDX_DTYPES = {
  0x08: { name: 'uint8', bytes: 1 },
  0x09: { name: 'int8', bytes: 1 },
  0x0b: { name: 'int16', bytes: 2 },
  0x0c: { name: 'int32', bytes: 4 },
  0x0d: { name: 'float32', bytes: 4 },
  0x0e: { name: 'float64', bytes: 8 },
} as const;

/** Element type of an IDX file. */
export type IdxDtype = (typeof IDX_DTYPES)[keyof typeof IDX_DTYPES]['name'];

/** The header of an IDX file: element type, dimensions, and where the data starts. */
export interface IdxHeader {
  /** Element type of the data. */
  dtype: IdxDtype;
  /** Bytes per element. */
  elementBytes: number;
  /** Dimensions, outermost first (e.g. `[60000, 28, 28]`). */
  dims: number[];
  /** Offset of the first data byte (4 + 4 * ndim). */
  headerBytes: number;
  /** Expected number of data bytes: prod(dims) * elementBytes. */
  dataBytes: number;
}

/** A parsed IDX array. `data` is a typed array matching `dtype` (host byte order). */
export interface IdxArray {
  /** Element type of the data. */
  dtype: IdxDtype;
  /** Size of each dimension. */
  dims: number[];
  /** The elements, row-major, in the file's element type. */
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

/**
 * Parses an IDX header (http://yann.lecun.com/exdb/mnist/ format: two zero bytes, a type byte, the number of
 * dimensions, then one big-endian uint32 per dimension). Errors name `source` and say what was expected.
 */
export function parseIdxHeader(bytes: Uint8Array, source = '<bytes>'): IdxHeader {
  if (bytes.length < 4) {
    throw new DatasetError(`not an IDX file: ${bytes.length} bytes, the header needs at least 4`, source);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = hex(bytes, 4);
    const hint = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (this is gzip data: decompress it first)' : '';
    throw new DatasetError(`wrong magic number 0x${magic}: IDX files start with 0x0000 then type and rank${hint}`, source);
  }
  const typeByte = bytes[2] as keyof typeof IDX_DTYPES;
  const type = IDX_DTYPES[typeByte];
  if (!type) {
    throw new DatasetError(
      `unknown IDX type byte 0x${bytes[2].toString(16).padStart(2, '0')} in magic 0x${hex(bytes, 4)}; ` +
        `expected one of 0x08 (uint8), 0x09 (int8), 0x0b (int16), 0x0c (int32), 0x0d (float32), 0x0e (float64)`,
      source,
    );
  }
  const ndim = bytes[3];
  if (ndim === 0) throw new DatasetError(`IDX rank is 0 in magic 0x${hex(bytes, 4)}; expected at least 1 dimension`, source);
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) {
    throw new DatasetError(`truncated IDX header: ${bytes.length} bytes, rank ${ndim} needs ${headerBytes}`, source);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  return { dtype: type.name, elementBytes: type.bytes, dims, headerBytes, dataBytes: count * type.bytes };
}

/**
 * Parses a whole (already decompressed) IDX file. Truncated data or trailing bytes throw a
 * {@link DatasetError} naming `source` with the expected and actual byte counts.
 */
export function parseIdx(bytes: Uint8Array, source = '<bytes>'): IdxArray {
  const header = parseIdxHeader(bytes, source);
  const actual = bytes.length - header.headerBytes;
  if (actual !== header.dataBytes) {
    const what = actual < header.dataBytes ? 'truncated IDX data' : 'IDX data longer than its header says';
    throw new DatasetError(
      `${what}: dims [${header.dims.join(', ')}] of ${header.dtype} need ${header.dataBytes} bytes, found ${actual}`,
      source,
    );
  }
  return { dtype: header.dtype, dims: header.dims, data: decodeIdxData(bytes, header) };
}

/** Decodes `header.dataBytes` big-endian elements starting at `header.headerBytes` of `bytes`. */
export function decodeIdxData(bytes: Uint8Array, header: Pick<IdxHeader, 'dtype' | 'headerBytes' | 'dataBytes'>): IdxArray['data'] {
  const start = header.headerBytes;
  const body = bytes.subarray(start, start + header.dataBytes);
  switch (header.dtype) {
    case 'uint8':
      return body.slice();
    case 'int8':
      return new Int8Array(body.slice().buffer);
    default: {
      const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
      if (header.dtype === 'int16') return Int16Array.from({ length: body.length / 2 }, (_, i) => view.getInt16(2 * i, false));
      if (header.dtype === 'int32') return Int32Array.from({ length: body.length / 4 }, (_, i) => view.getInt32(4 * i, false));
      if (header.dtype === 'float32') return Float32Array.from({ length: body.length / 4 }, (_, i) => view.getFloat32(4 * i, false));
      return Float64Array.from({ length: body.length / 8 }, (_, i) => view.getFloat64(8 * i, false));
    }
  }
}

function hex(bytes: Uint8Array, n: number): string {
  return Array.from(bytes.subarray(0, n), (b) => b.toString(16).padStart(2, '0')).join('');
}
