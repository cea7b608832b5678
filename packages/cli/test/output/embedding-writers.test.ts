import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { labelsFileOf, openEmbeddingWriter } from '../../src/output/embedding-writers';
import { encodeNpy } from '../../src/output/npy';

describe('openEmbeddingWriter', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'contrastive-writers-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const layout = { rows: 3, cols: 2, classNames: ['a', 'b'] };
  const batches: Array<[Float32Array, Int32Array]> = [
    [Float32Array.of(1, 2, 3, 4), Int32Array.of(0, 1)],
    [Float32Array.of(5.5, -6), Int32Array.of(1)],
  ];

  it('streams .npy batches into the same bytes encodeNpy writes at once, labels beside', async () => {
    const file = path.join(dir, 'e.npy');
    const writer = await openEmbeddingWriter('npy', file, layout);
    for (const [rows, labels] of batches) await writer.write(rows, labels);
    expect(await writer.close()).toEqual([file, path.join(dir, 'e.labels.npy')]);
    expect(await fs.readFile(file)).toEqual(encodeNpy(Float32Array.of(1, 2, 3, 4, 5.5, -6), [3, 2]));
    expect(await fs.readFile(labelsFileOf(file))).toEqual(encodeNpy(Int32Array.of(0, 1, 1), [3]));
  });

  it('writes CSV with a header and JSONL with class names, one line per row', async () => {
    const csv = path.join(dir, 'e.csv');
    const jsonl = path.join(dir, 'e.jsonl');
    for (const [format, file] of [
      ['csv', csv],
      ['jsonl', jsonl],
    ] as const) {
      const writer = await openEmbeddingWriter(format, file, layout);
      for (const [rows, labels] of batches) await writer.write(rows, labels);
      await writer.close();
    }
    expect(await fs.readFile(csv, 'utf8')).toBe('label,e0,e1\n0,1,2\n1,3,4\n1,5.5,-6\n');
    expect(
      (await fs.readFile(jsonl, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { label: 0, class: 'a', embedding: [1, 2] },
      { label: 1, class: 'b', embedding: [3, 4] },
      { label: 1, class: 'b', embedding: [5.5, -6] },
    ]);
  });

  it('refuses to close with fewer rows than announced, and abort removes partial files', async () => {
    const file = path.join(dir, 'short.npy');
    const writer = await openEmbeddingWriter('npy', file, layout);
    await writer.write(...batches[0]);
    await expect(writer.close()).rejects.toThrow(/short.npy got 2 rows, expected 3/);
    const aborted = await openEmbeddingWriter('npy', path.join(dir, 'aborted.npy'), layout);
    await aborted.write(...batches[0]);
    await aborted.abort();
    expect((await fs.readdir(dir)).filter((f) => f.startsWith('aborted'))).toEqual([]);
  });
});
