import { gzipSync } from 'fflate';
import { DatasetError } from '../../src/errors/dataset-error';
import { gunzipIfNeeded, isGzip } from '../../src/encoding/gzip';

describe('gunzipIfNeeded', () => {
  const raw = Uint8Array.from({ length: 500 }, (_, i) => i % 7);

  it('passes raw bytes through and decompresses gzip detected by magic number', () => {
    expect(gunzipIfNeeded(raw)).toBe(raw);
    const gz = gzipSync(raw);
    expect(isGzip(gz)).toBe(true);
    expect(Array.from(gunzipIfNeeded(gz))).toEqual(Array.from(raw));
  });

  it('throws a DatasetError naming the source for truncated gzip', () => {
    const gz = gzipSync(Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff));
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    expect(() => gunzipIfNeeded(cut, 'x.gz')).toThrow(DatasetError);
    expect(() => gunzipIfNeeded(cut, 'x.gz')).toThrow(/^x\.gz: corrupt or truncated gzip/);
  });
});
