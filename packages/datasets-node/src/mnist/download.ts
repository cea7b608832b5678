import { createHash } from 'crypto';
import { createWriteStream } from 'fs';
import { mkdir, rename, rm } from 'fs/promises';
import { dirname } from 'path';
import { Readable, Transform } from 'stream';
import { pipeline } from 'stream/promises';
import { DatasetError } from '@contrastive/datasets';
import type { FileChecksum } from './catalog';

/** Options of {@link downloadVerified}. */
export interface DownloadOptions {
  /** Abort after this many milliseconds (default 120000). */
  timeoutMs?: number;
  /** `fetch` implementation (default the global one). */
  fetch?: typeof fetch;
}

/**
 * Downloads `url` to `dest` through a temporary file, hashing on the fly; the file is renamed into place
 * only when its MD5 / SHA-256 match `checksum`, so a failed or corrupted download never leaves a file
 * that looks valid. Errors name the URL.
 */
export async function downloadVerified(url: string, dest: string, checksum: FileChecksum, options: DownloadOptions = {}): Promise<void> {
  if (!checksum.md5 && !checksum.sha256) throw new Error(`downloadVerified: no checksum given for ${url}; refusing an unverified download`);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  await mkdir(dirname(dest), { recursive: true });
  const temp = `${dest}.part-${process.pid}-${Date.now()}`;
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 120_000) });
    } catch (error) {
      throw new DatasetError(`download failed: ${(error as Error).message}`, url);
    }
    if (!response.ok || !response.body) throw new DatasetError(`download failed: HTTP ${response.status} ${response.statusText}`, url);
    const body = Readable.fromWeb(response.body as import('stream/web').ReadableStream<Uint8Array>);
    const hasher = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        md5.update(chunk);
        sha256.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(body, hasher, createWriteStream(temp));
    } catch (error) {
      throw new DatasetError(`download failed while reading the body: ${(error as Error).message}`, url);
    }
    const actual = { md5: md5.digest('hex'), sha256: sha256.digest('hex') };
    for (const algorithm of ['md5', 'sha256'] as const) {
      const expected = checksum[algorithm]?.toLowerCase();
      if (expected && expected !== actual[algorithm]) {
        throw new DatasetError(`checksum mismatch: ${algorithm} ${actual[algorithm]}, expected ${expected}; the download was discarded`, url);
      }
    }
    await rename(temp, dest);
  } finally {
    await rm(temp, { force: true });
  }
}
