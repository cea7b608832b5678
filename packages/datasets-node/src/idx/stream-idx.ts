import { DatasetError, decodeIdxData, parseIdxHeader, type IdxHeader, type LabeledSplit } from '@contrastive/datasets';
import { stat } from 'fs/promises';
import { ExactReader } from '../io/exact-reader';
import type { IdxPair } from './read-idx-file';

/** Options of {@link streamIdxSplit}. */
export interface StreamIdxOptions {
  /** Examples per chunk (default 1000). */
  chunkSize?: number;
  /** Labels must be in [0, numClasses) when given. */
  numClasses?: number;
}

/**
 * Reads an images/labels IDX pair (raw or .gz) `chunkSize` examples at a time, so a file larger than memory
 * can be iterated (feed it to `streamBatches` of `@contrastive/datasets`). Headers and counts are checked
 * before the first chunk; raw files are also checked against their size up front, gzip files when the
 * shortfall is reached. Every error names the file.
 */
export async function* streamIdxSplit(pair: IdxPair, options: StreamIdxOptions = {}): AsyncGenerator<LabeledSplit> {
  const chunkSize = options.chunkSize ?? 1000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be an integer >= 1, got ${chunkSize}`);
  const images = await ExactReader.open(pair.images);
  const labels = await ExactReader.open(pair.labels).catch(async (error) => {
    await images.close();
    throw error;
  });
  try {
    const imageHeader = await readHeader(images);
    const labelHeader = await readHeader(labels);
    if (labelHeader.dims.length !== 1) {
      throw new DatasetError(`labels must be rank 1 [N], got dims [${labelHeader.dims.join(', ')}]`, pair.labels);
    }
    const size = imageHeader.dims[0];
    if (labelHeader.dims[0] !== size) {
      throw new DatasetError(`label/image count mismatch: ${labelHeader.dims[0]} labels but ${pair.images} has ${size} images`, pair.labels);
    }
    await checkRawSize(images, imageHeader);
    await checkRawSize(labels, labelHeader);
    const exampleShape = imageHeader.dims.length === 3 ? [imageHeader.dims[1], imageHeader.dims[2], 1] : imageHeader.dims.slice(1);
    const perExample = imageHeader.dataBytes / Math.max(size, 1);
    const scale = imageHeader.dtype === 'uint8' ? 255 : 1;
    for (let start = 0; start < size; start += chunkSize) {
      const n = Math.min(chunkSize, size - start);
      const imageBytes = await readExact(images, n * perExample, imageHeader, start);
      const labelBytes = await readExact(labels, n * labelHeader.elementBytes, labelHeader, start);
      const pixels = decodeIdxData(imageBytes, { dtype: imageHeader.dtype, headerBytes: 0, dataBytes: imageBytes.length });
      const rawLabels = decodeIdxData(labelBytes, { dtype: labelHeader.dtype, headerBytes: 0, dataBytes: labelBytes.length });
      const x = new Float32Array(pixels.length);
      for (let i = 0; i < x.length; i++) x[i] = pixels[i] / scale;
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const value = rawLabels[i];
        if (!Number.isInteger(value) || value < 0 || (options.numClasses !== undefined && value >= options.numClasses)) {
          throw new DatasetError(`label ${value} at index ${start + i} is out of range`, pair.labels);
        }
        out[i] = value;
      }
      yield { x, exampleShape: exampleShape.slice(), labels: out, size: n };
    }
    for (const reader of [images, labels]) {
      if ((await reader.read(1)).length) throw new DatasetError('IDX data longer than its header says', reader.path);
    }
  } finally {
    await Promise.all([images.close(), labels.close()]);
  }
}

async function readHeader(reader: ExactReader): Promise<IdxHeader> {
  const head = await reader.read(4);
  const ndim = head.length === 4 && head[0] === 0 && head[1] === 0 ? head[3] : 0;
  const dims = await reader.read(4 * ndim);
  const bytes = new Uint8Array(head.length + dims.length);
  bytes.set(head);
  bytes.set(dims, head.length);
  return parseIdxHeader(bytes, reader.path);
}

async function readExact(reader: ExactReader, n: number, header: IdxHeader, start: number): Promise<Uint8Array> {
  const bytes = await reader.read(n);
  if (bytes.length < n) {
    throw new DatasetError(
      `truncated IDX data: dims [${header.dims.join(', ')}] need ${header.dataBytes} data bytes, the file ends inside example ${start}`,
      reader.path,
    );
  }
  return bytes.slice();
}

async function checkRawSize(reader: ExactReader, header: IdxHeader): Promise<void> {
  if (reader.gzip) return;
  const actual = (await stat(reader.path)).size - header.headerBytes;
  if (actual !== header.dataBytes) {
    const what = actual < header.dataBytes ? 'truncated IDX data' : 'IDX data longer than its header says';
    throw new DatasetError(
      `${what}: dims [${header.dims.join(', ')}] of ${header.dtype} need ${header.dataBytes} bytes, found ${actual}`,
      reader.path,
    );
  }
}
