import { streamBatches } from '@contrastive/datasets';
import { loadIdxSplit } from '../../src/idx/read-idx-file';
import { streamIdxSplit } from '../../src/idx/stream-idx';
import { fixture } from '../fixture-path';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of it) out.push(item);
  return out;
}

describe('streamIdxSplit', () => {
  const gzPair = { images: fixture('mnist-like', 'train-images-idx3-ubyte.gz'), labels: fixture('mnist-like', 'train-labels-idx1-ubyte.gz') };
  const rawPair = { images: fixture('mnist-like-raw', 'train-images.idx3-ubyte'), labels: fixture('mnist-like-raw', 'train-labels-idx1-ubyte') };

  it.each([['gzip', gzPair], ['raw', rawPair]])('%s: chunks concatenate to the whole-file split', async (_, pair) => {
    const whole = await loadIdxSplit(pair);
    const chunks = await collect(streamIdxSplit(pair, { chunkSize: 4 }));
    expect(chunks.map((c) => c.size)).toEqual([4, 2]);
    expect(chunks[0].exampleShape).toEqual([4, 4, 1]);
    expect(chunks.flatMap((c) => Array.from(c.x))).toEqual(Array.from(whole.x));
    expect(chunks.flatMap((c) => Array.from(c.labels))).toEqual(Array.from(whole.labels));
  });

  it('feeds streamBatches (dataset larger than memory pattern)', async () => {
    const batches = await collect(streamBatches(streamIdxSplit(gzPair, { chunkSize: 2 }), { batchSize: 4, shuffleBufferSize: 3, seed: 1 }));
    expect(batches.map((b) => b.size)).toEqual([4, 2]);
    expect(batches.flatMap((b) => Array.from(b.labels)).sort()).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('checks counts before the first chunk', async () => {
    const it = streamIdxSplit({ images: gzPair.images, labels: fixture('corrupt', 'five-labels-idx1-ubyte') });
    await expect(it.next()).rejects.toThrow(/five-labels-idx1-ubyte: label\/image count mismatch: 5 labels/);
  });

  it('raw truncation is caught up front; gzip truncation when reached; both name the file', async () => {
    const labels = gzPair.labels;
    const raw = streamIdxSplit({ images: fixture('corrupt', 'truncated-idx3-ubyte'), labels });
    await expect(raw.next()).rejects.toThrow(/truncated-idx3-ubyte: truncated IDX data: .* need 96 bytes, found 91/);
    const gz = collect(streamIdxSplit({ images: fixture('corrupt', 'truncated-idx3-ubyte.gz'), labels }, { chunkSize: 2 }));
    await expect(gz).rejects.toThrow(/truncated-idx3-ubyte\.gz: truncated IDX data: .* ends inside example 4/);
    const cutPair = { images: fixture('corrupt', 'cut-gzip-idx3-ubyte.gz'), labels: fixture('corrupt', 'two-hundred-labels-idx1-ubyte') };
    await expect(collect(streamIdxSplit(cutPair, { chunkSize: 50 }))).rejects.toThrow(/^cut-gzip|cut-gzip-idx3-ubyte\.gz: (read failed|truncated)/);
  });

  it('wrong magic and missing files name the file', async () => {
    await expect(streamIdxSplit({ images: fixture('corrupt', 'bad-magic-idx3-ubyte'), labels: gzPair.labels }).next()).rejects.toThrow(
      /bad-magic-idx3-ubyte: unknown IDX type byte/,
    );
    await expect(streamIdxSplit({ images: fixture('missing'), labels: gzPair.labels }).next()).rejects.toThrow(/missing: file not found/);
  });
});
