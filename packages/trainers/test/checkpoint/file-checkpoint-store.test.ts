import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
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

  it('names the file when a checkpoint is corrupt', async () => {
    const store = new FileCheckpointStore(dir);
    await store.save(checkpoint(1));
    await fs.writeFile(path.join(dir, 'step-000000001', 'meta.json'), '{oops');
    await expect(store.loadLatest()).rejects.toThrow(/meta\.json is unreadable/);
  });
});
