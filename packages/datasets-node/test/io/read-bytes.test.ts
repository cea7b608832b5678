import { DatasetError } from '@contrastive/datasets';
import { readFileBytes, readMaybeGzipped } from '../../src/io/read-bytes';
import { ExactReader } from '../../src/io/exact-reader';
import { fixture } from '../fixture-path';

describe('file reading', () => {
  it('names a missing file and a directory', async () => {
    await expect(readFileBytes(fixture('nope.bin'))).rejects.toThrow(DatasetError);
    await expect(readFileBytes(fixture('nope.bin'))).rejects.toThrow(/nope\.bin: file not found/);
    await expect(readFileBytes(fixture('csv'))).rejects.toThrow(/csv: is a directory/);
  });

  it('gunzips by content and names a cut gzip file', async () => {
    const raw = await readMaybeGzipped(fixture('mnist-like-raw', 'train-images.idx3-ubyte'));
    const gz = await readMaybeGzipped(fixture('mnist-like', 'train-images-idx3-ubyte.gz'));
    expect(Buffer.compare(Buffer.from(raw), Buffer.from(gz))).toBe(0);
    await expect(readMaybeGzipped(fixture('corrupt', 'cut-gzip-idx3-ubyte.gz'))).rejects.toThrow(
      /cut-gzip-idx3-ubyte\.gz: corrupt or truncated gzip file/,
    );
  });

  it('ExactReader returns exact counts across chunks and short reads at end of file', async () => {
    const reader = await ExactReader.open(fixture('mnist-like', 'train-images-idx3-ubyte.gz'), 7);
    expect(reader.gzip).toBe(true);
    expect((await reader.read(16)).length).toBe(16);
    expect((await reader.read(96)).length).toBe(96);
    expect((await reader.read(10)).length).toBe(0);
    await reader.close();
    const raw = await ExactReader.open(fixture('mnist-like-raw', 'train-images.idx3-ubyte'), 5);
    expect(raw.gzip).toBe(false);
    expect((await raw.read(200)).length).toBe(112);
    await raw.close();
  });
});
