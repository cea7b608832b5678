import { gunzipSync } from 'fflate';
import { DatasetError } from '../errors/dataset-error';

/** True when `bytes` start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Returns `bytes` decompressed when they are gzip (detected by magic number, not file name), else `bytes`
 * itself. A corrupt or truncated gzip stream throws a {@link DatasetError} naming `source`.
 */
export function gunzipIfNeeded(bytes: Uint8Array, source = '<bytes>'): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new DatasetError(`corrupt or truncated gzip data (${(error as Error).message})`, source);
  }
}
