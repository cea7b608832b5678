import { readFile } from 'fs/promises';
import { gunzip } from 'zlib';
import { promisify } from 'util';
import { DatasetError, isGzip } from '@contrastive/datasets';

const gunzipAsync = promisify(gunzip);

/** Reads a whole file; a missing or unreadable file throws a {@link DatasetError} naming it. */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, expected a file' : (error as Error).message;
    throw new DatasetError(reason, path);
  }
}

/**
 * Reads a file and decompresses it when its content is gzip (by magic number, whatever the extension).
 * Corrupt or truncated gzip throws a {@link DatasetError} naming the file.
 */
export async function readMaybeGzipped(path: string): Promise<Uint8Array> {
  const bytes = await readFileBytes(path);
  if (!isGzip(bytes)) return bytes;
  try {
    return new Uint8Array(await gunzipAsync(bytes));
  } catch (error) {
    throw new DatasetError(`corrupt or truncated gzip file (${(error as Error).message})`, path);
  }
}
