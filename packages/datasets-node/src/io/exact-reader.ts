import { createReadStream } from 'fs';
import { open } from 'fs/promises';
import { createGunzip } from 'zlib';
import { DatasetError } from '@contrastive/datasets';

/**
 * Reads exact byte counts from a file, streaming (gunzipping on the fly when the file starts with the gzip
 * magic), holding at most one pending chunk plus the bytes asked for. Stream errors name the file.
 */
export class ExactReader {
  private readonly iterator: AsyncIterator<Buffer>;
  private pending: Buffer = Buffer.alloc(0);
  private done = false;

  private constructor(
    /** The file read, named in errors. */
    readonly path: string,
    /** Whether the file is gzip-compressed (decompressed while reading). */
    readonly gzip: boolean,
    stream: NodeJS.ReadableStream,
  ) {
    this.iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /** Opens `path` (raw or gzip, detected from the first two bytes). */
  static async open(path: string, highWaterMark = 1 << 20): Promise<ExactReader> {
    const gz = await isGzipFile(path);
    const raw = createReadStream(path, { highWaterMark });
    if (!gz) return new ExactReader(path, false, raw);
    const gunzip = createGunzip();
    raw.on('error', (error) => gunzip.destroy(error));
    return new ExactReader(path, true, raw.pipe(gunzip).on('close', () => raw.destroy()));
  }

  /** Exactly `n` bytes, or fewer only at end of file (the caller decides whether that is truncation). */
  async read(n: number): Promise<Uint8Array> {
    const parts: Buffer[] = [this.pending];
    let have = this.pending.length;
    while (have < n && !this.done) {
      let next: IteratorResult<Buffer>;
      try {
        next = await this.iterator.next();
      } catch (error) {
        throw new DatasetError(`read failed, corrupt or truncated file (${(error as Error).message})`, this.path);
      }
      if (next.done) this.done = true;
      else {
        parts.push(next.value);
        have += next.value.length;
      }
    }
    const all = parts.length === 1 ? parts[0] : Buffer.concat(parts, have);
    const out = all.subarray(0, n);
    this.pending = all.subarray(out.length);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  }

  /** Stops reading and releases the file. */
  async close(): Promise<void> {
    this.done = true;
    try {
      await this.iterator.return?.();
    } catch {
      // A stream that already failed rejects again on return(), with zlib's bare message ("unexpected
      // end of file"); read() has reported that failure with the file's name, and a close in a
      // `finally` must not replace it (it did, depending on timing).
    }
  }
}

/** True when the file starts with the gzip magic number; a missing or unreadable file is a {@link DatasetError}. */
export async function isGzipFile(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(2);
      const { bytesRead } = await handle.read(head, 0, 2, 0);
      return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetError(code === 'ENOENT' ? 'file not found' : (error as Error).message, path);
  }
}
