import { promises as fs } from 'fs';
import * as path from 'path';
import type { Checkpoint, CheckpointStore } from '../checkpoint/checkpoint-store';
import { packBundle, unpackBundle, type BundleIndexEntry } from '../checkpoint/tensor-bundle';

const POINTER = 'LATEST';

/**
 * Checkpoints in a directory: each save writes `step-<n>/{meta.json,tensors.bin}` into a
 * temporary folder, fsyncs, renames it into place, then atomically replaces the `LATEST`
 * pointer (write temp + rename). A kill at any moment leaves `LATEST` naming a complete
 * checkpoint. Older checkpoints beyond `keep` are removed after the pointer moves.
 */
export class FileCheckpointStore implements CheckpointStore {
  constructor(
    readonly directory: string,
    private readonly keep = 2,
  ) {}

  async save(checkpoint: Checkpoint): Promise<void> {
    await fs.mkdir(this.directory, { recursive: true });
    const step = Number(checkpoint.meta.step ?? Date.now());
    const name = `step-${String(step).padStart(9, '0')}`;
    const staging = path.join(this.directory, `.tmp-${name}-${process.pid}-${Date.now()}`);
    await fs.mkdir(staging);
    const { index, bytes } = packBundle(checkpoint.tensors);
    await writeDurable(path.join(staging, 'tensors.bin'), bytes);
    await writeDurable(path.join(staging, 'meta.json'), JSON.stringify({ meta: checkpoint.meta, index }));
    const final = path.join(this.directory, name);
    await fs.rm(final, { recursive: true, force: true });
    await fs.rename(staging, final);
    const pointerTemp = path.join(this.directory, `.${POINTER}.${process.pid}.tmp`);
    await writeDurable(pointerTemp, name);
    await fs.rename(pointerTemp, path.join(this.directory, POINTER));
    await this.prune(name);
  }

  async loadLatest(): Promise<Checkpoint | undefined> {
    let name: string;
    try {
      name = (await fs.readFile(path.join(this.directory, POINTER), 'utf8')).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const folder = path.join(this.directory, name);
    let parsed: { meta: Record<string, unknown>; index: BundleIndexEntry[] };
    try {
      parsed = JSON.parse(await fs.readFile(path.join(folder, 'meta.json'), 'utf8'));
    } catch (error) {
      throw new Error(`checkpoint ${folder}/meta.json is unreadable: ${(error as Error).message}`);
    }
    const bytes = new Uint8Array(await fs.readFile(path.join(folder, 'tensors.bin')));
    return { meta: parsed.meta, tensors: unpackBundle(parsed.index, bytes) };
  }

  private async prune(current: string): Promise<void> {
    const entries = (await fs.readdir(this.directory))
      .filter((e) => /^step-\d+$/.test(e) && e !== current)
      .sort();
    const stale = entries.slice(0, Math.max(0, entries.length - (this.keep - 1)));
    await Promise.all(
      stale.map((entry) => fs.rm(path.join(this.directory, entry), { recursive: true, force: true })),
    );
  }
}

async function writeDurable(file: string, data: Uint8Array | string): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
