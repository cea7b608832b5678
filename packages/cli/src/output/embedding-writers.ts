import { promises as fs } from 'fs';
import type { FileHandle } from 'fs/promises';
import { npyHeader } from './npy';

/** Output formats of `contrastive embed`. */
export const EMBEDDING_FORMATS = ['npy', 'csv', 'jsonl'] as const;
export type EmbeddingFormat = (typeof EMBEDDING_FORMATS)[number];

/** Appends rows of embeddings (and their labels) to files, a batch at a time. */
export interface EmbeddingWriter {
  /** `rows` holds `labels.length` rows of `cols` values, row-major. */
  write(rows: Float32Array, labels: Int32Array): Promise<void>;
  /** Flushes and closes; returns the files written. */
  close(): Promise<string[]>;
  /** Closes and deletes the files after a failure, so no truncated output is left behind. */
  abort(): Promise<void>;
}

/** What the writer needs to know before the first row. */
export interface EmbeddingLayout {
  /** Total rows that will be written (the `.npy` header states it up front). */
  rows: number;
  cols: number;
  /** Class names for JSONL's `class` field. */
  classNames: string[];
}

/** `<name>.labels.npy` beside `<name>.npy`. */
export function labelsFileOf(file: string): string {
  return file.replace(/\.npy$/, '') + '.labels.npy';
}

/**
 * Opens a writer for `format` at `file`. `.npy` writes the header for `layout.rows x cols` first and
 * the labels to `<name>.labels.npy`; CSV and JSONL write one line per row. Nothing is held beyond
 * the batch being written, so memory stays flat however many rows there are.
 */
export async function openEmbeddingWriter(
  format: EmbeddingFormat,
  file: string,
  layout: EmbeddingLayout,
): Promise<EmbeddingWriter> {
  if (format === 'npy') return NpyWriter.open(file, layout);
  const handle = await fs.open(file, 'w');
  let written = 0;
  const close = async (): Promise<string[]> => {
    await handle.close();
    checkCount(written, layout.rows, file);
    return [file];
  };
  const abort = async (): Promise<void> => {
    await handle.close().catch(() => undefined);
    await fs.rm(file, { force: true });
  };
  if (format === 'csv') {
    await handle.write(`${['label', ...Array.from({ length: layout.cols }, (_, i) => `e${i}`)].join(',')}\n`);
    return {
      async write(rows, labels) {
        let text = '';
        for (let r = 0; r < labels.length; r++)
          text += `${[labels[r], ...row(rows, r, layout.cols)].join(',')}\n`;
        await handle.write(text);
        written += labels.length;
      },
      close,
      abort,
    };
  }
  return {
    async write(rows, labels) {
      let text = '';
      for (let r = 0; r < labels.length; r++) {
        text += `${JSON.stringify({ label: labels[r], class: layout.classNames[labels[r]], embedding: Array.from(row(rows, r, layout.cols)) })}\n`;
      }
      await handle.write(text);
      written += labels.length;
    },
    close,
    abort,
  };
}

function row(rows: Float32Array, r: number, cols: number): Float32Array {
  return rows.subarray(r * cols, (r + 1) * cols);
}

function checkCount(written: number, expected: number, file: string): void {
  if (written !== expected)
    throw new Error(`embedding writer: ${file} got ${written} rows, expected ${expected}`);
}

class NpyWriter implements EmbeddingWriter {
  private written = 0;

  private constructor(
    private readonly file: string,
    private readonly labelsFile: string,
    private readonly data: FileHandle,
    private readonly labels: FileHandle,
    private readonly layout: EmbeddingLayout,
  ) {}

  static async open(file: string, layout: EmbeddingLayout): Promise<NpyWriter> {
    const labelsFile = labelsFileOf(file);
    const data = await fs.open(file, 'w');
    const labels = await fs.open(labelsFile, 'w').catch(async (error) => {
      await data.close();
      throw error;
    });
    await data.write(npyHeader('float32', [layout.rows, layout.cols]));
    await labels.write(npyHeader('int32', [layout.rows]));
    return new NpyWriter(file, labelsFile, data, labels, layout);
  }

  async write(rows: Float32Array, labels: Int32Array): Promise<void> {
    if (rows.length !== labels.length * this.layout.cols) {
      throw new Error(
        `embedding writer: ${rows.length} values for ${labels.length} rows of ${this.layout.cols}`,
      );
    }
    await this.data.write(new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength));
    await this.labels.write(new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength));
    this.written += labels.length;
  }

  async close(): Promise<string[]> {
    await Promise.all([this.data.close(), this.labels.close()]);
    checkCount(this.written, this.layout.rows, this.file);
    return [this.file, this.labelsFile];
  }

  async abort(): Promise<void> {
    await Promise.all([this.data.close(), this.labels.close()].map((p) => p.catch(() => undefined)));
    await Promise.all([fs.rm(this.file, { force: true }), fs.rm(this.labelsFile, { force: true })]);
  }
}
