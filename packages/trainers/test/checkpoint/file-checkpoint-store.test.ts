import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CheckpointError } from '../../src/checkpoint/checkpoint-error';
import { FileCheckpointStore } from '../../src/node/file-checkpoint-store';

describe('FileCheckpointStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ckpt-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const checkpoint = (step: number) => ({
    meta: { step, note: 'x' },
    tensors: { w: { shape: [2], dtype: 'float32' as const, values: new Float32Array([step, step + 1]) } },
  });

  it('returns undefined before any save and the newest after saves, keeping only `keep`', async () => {
    const store = new FileCheckpointStore(dir, 2);
    expect(await store.loadLatest()).toBeUndefined();
    for (const step of [1, 2, 3]) await store.save(checkpoint(step));
    const latest = await store.loadLatest();
    expect(latest?.meta.step).toBe(3);
    expect(Array.from(latest!.tensors.w.values)).toEqual([3, 4]);
    expect((await fs.readdir(dir)).filter((e) => e.startsWith('step-')).sort()).toEqual([
      'step-000000002',
      'step-000000003',
    ]);
  });

  it('leaves the previous checkpoint loadable when a save dies half-way', async () => {
    const store = new FileCheckpointStore(dir);
    await store.save(checkpoint(5));
    // A crash after staging but before the pointer moved: a stray temp folder, pointer unchanged.
    await fs.mkdir(path.join(dir, '.tmp-step-000000006-1-1'));
    await fs.writeFile(path.join(dir, '.tmp-step-000000006-1-1', 'tensors.bin'), 'partial');
    const latest = await new FileCheckpointStore(dir).loadLatest();
    expect(latest?.meta.step).toBe(5);
  });

  const folder = (step: number) => path.join(dir, `step-${String(step).padStart(9, '0')}`);

  /** Saves steps 1 and 2 (both kept), damages step 2 with `damage`, loads, and returns what was reported. */
  async function loadAfterDamaging(damage: () => Promise<void>) {
    await new FileCheckpointStore(dir).save(checkpoint(1));
    await new FileCheckpointStore(dir).save(checkpoint(2));
    await damage();
    const reports: Array<[string, string]> = [];
    const loaded = await new FileCheckpointStore(dir, {
      onDamaged: (location, reason) => void reports.push([location, reason]),
    }).loadLatest();
    return { loaded, reports };
  }

  it.each([
    [
      'random bytes of the same size in tensors.bin',
      async () => {
        const file = path.join(folder(2), 'tensors.bin');
        const size = (await fs.stat(file)).size;
        await fs.writeFile(file, Buffer.from(Array.from({ length: size }, (_, i) => (i * 97 + 13) % 256)));
      },
      /tensors\.bin fails its SHA-256 check/,
    ],
    [
      'a truncated tensors.bin',
      async () => fs.truncate(path.join(folder(2), 'tensors.bin'), 3),
      /tensors\.bin has 3 bytes, 8 were written/,
    ],
    [
      'a truncated meta.json',
      async () => fs.truncate(path.join(folder(2), 'meta.json'), 10),
      /meta\.json has 10 bytes/,
    ],
    [
      'a missing tensors.bin',
      async () => fs.rm(path.join(folder(2), 'tensors.bin')),
      /tensors\.bin is unreadable \(ENOENT\)/,
    ],
  ])('%s: reports the checkpoint by path and falls back to the previous one', async (_what, damage, reason) => {
    const { loaded, reports } = await loadAfterDamaging(damage);
    expect(loaded?.meta.step).toBe(1);
    expect(Array.from(loaded!.tensors.w.values)).toEqual([1, 2]);
    expect(reports).toEqual([[folder(2), expect.stringMatching(reason)]]);
  });

  it('a LATEST naming a missing folder is reported, and the newest folder present is used', async () => {
    const { loaded, reports } = await loadAfterDamaging(() => fs.writeFile(path.join(dir, 'LATEST'), 'step-000000009'));
    expect(loaded?.meta.step).toBe(2);
    expect(reports).toEqual([[path.join(dir, 'LATEST'), expect.stringMatching(/step-000000009.*not a checkpoint folder/)]]);
  });

  it('throws a CheckpointError naming every damaged checkpoint when none is intact', async () => {
    const store = new FileCheckpointStore(dir);
    await store.save(checkpoint(1));
    await fs.writeFile(path.join(folder(1), 'meta.json'), '{oops');
    const error = await store.loadLatest().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as Error).message).toMatch(new RegExp(`^${dir}: no intact checkpoint: ${folder(1)} \\(meta\\.json has 5 bytes`));
  });

  it('loads a checkpoint written before checksums existed (structural checks only)', async () => {
    await new FileCheckpointStore(dir).save(checkpoint(4));
    await fs.rm(path.join(folder(4), 'checksums.json'));
    expect((await new FileCheckpointStore(dir).loadLatest())?.meta.step).toBe(4);
    await fs.truncate(path.join(folder(4), 'tensors.bin'), 4);
    await expect(new FileCheckpointStore(dir).loadLatest()).rejects.toThrow(/tensors\.bin has 4 bytes, the index needs 8/);
  });

  it('removes staging folders and pointer temp files left by killed saves, on first use', async () => {
    await new FileCheckpointStore(dir).save(checkpoint(1));
    await fs.mkdir(path.join(dir, '.tmp-step-000000002-123-456'));
    await fs.writeFile(path.join(dir, '.tmp-step-000000002-123-456', 'tensors.bin'), 'partial');
    await fs.writeFile(path.join(dir, '.LATEST.123.tmp'), 'step-000000002');
    await fs.writeFile(path.join(dir, 'notes.txt'), 'mine');
    await new FileCheckpointStore(dir).loadLatest();
    expect((await fs.readdir(dir)).sort()).toEqual(['LATEST', 'notes.txt', 'step-000000001']);
  });
});
