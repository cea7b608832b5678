import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { CheckpointError } from '../checkpoint/checkpoint-error';
import type { Checkpoint, CheckpointStore } from '../checkpoint/checkpoint-store';
import { packBundle, unpackBundle, type BundleIndexEntry } from '../checkpoint/tensor-bundle';

const POINTER = 'LATEST';
const CHECKSUMS = 'checksums.json';
const FILES = ['meta.json', 'tensors.bin'] as const;
const STEP_FOLDER = /^step-\d+$/;
/** Leftovers of saves killed half-way: staging folders and pointer temp files. */
const STALE = /^(\.tmp-step-\d+-.*|\.LATEST\..*\.tmp)$/;

/** Options of {@link FileCheckpointStore}. */
export interface FileCheckpointStoreOptions {
  /** Checkpoints kept on disk (the newest ones); default 2, so there is one to fall back to. */
  keep?: number;
  /** Told about each damaged checkpoint skipped by `loadLatest` before it falls back to an older one. */
  onDamaged?: (location: string, reason: string) => void;
}

type Checksums = Record<(typeof FILES)[number], { bytes: number; sha256: string }>;

/**
 * Checkpoints in a directory: each save writes `step-<n>/{meta.json,tensors.bin,checksums.json}`
 * into a temporary folder, fsyncs, renames it into place, then atomically replaces the `LATEST`
 * pointer (write temp + rename). A kill at any moment leaves `LATEST` naming a complete
 * checkpoint. `loadLatest` verifies sizes and SHA-256 sums and falls back to the newest intact
 * checkpoint when the latest is damaged (disk errors, a user's edit). One writer per directory:
 * staging leftovers of killed saves are removed on first use.
 */
export class FileCheckpointStore implements CheckpointStore {
  private readonly keep: number;
  private readonly onDamaged?: (location: string, reason: string) => void;
  private cleaned = false;

  constructor(
    /** The folder holding the checkpoints. */
    readonly directory: string,
    options: FileCheckpointStoreOptions | number = {},
  ) {
    const resolved = typeof options === 'number' ? { keep: options } : options;
    this.keep = resolved.keep ?? 2;
    if (!Number.isInteger(this.keep) || this.keep < 1) {
      throw new RangeError(`FileCheckpointStore: keep must be a positive integer, got ${this.keep}`);
    }
    this.onDamaged = resolved.onDamaged;
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    await fs.mkdir(this.directory, { recursive: true });
    await this.removeStaleFiles();
    const step = Number(checkpoint.meta.step ?? Date.now());
    const name = `step-${String(step).padStart(9, '0')}`;
    const staging = path.join(this.directory, `.tmp-${name}-${process.pid}-${Date.now()}`);
    await fs.mkdir(staging);
    const { index, bytes } = packBundle(checkpoint.tensors);
    const files = {
      'meta.json': new TextEncoder().encode(JSON.stringify({ meta: checkpoint.meta, index })),
      'tensors.bin': bytes,
    };
    const checksums = {} as Checksums;
    for (const file of FILES) {
      await writeDurable(path.join(staging, file), files[file]);
      checksums[file] = { bytes: files[file].byteLength, sha256: sha256(files[file]) };
    }
    await writeDurable(path.join(staging, CHECKSUMS), JSON.stringify(checksums));
    const final = path.join(this.directory, name);
    await fs.rm(final, { recursive: true, force: true });
    await fs.rename(staging, final);
    const pointerTemp = path.join(this.directory, `.${POINTER}.${process.pid}.tmp`);
    await writeDurable(pointerTemp, name);
    await fs.rename(pointerTemp, path.join(this.directory, POINTER));
    await this.prune(name);
  }

  /**
   * The checkpoint `LATEST` names, verified; if it is damaged or missing, the newest intact
   * older one (each skipped checkpoint is reported to `onDamaged`). `undefined` when the
   * directory holds no checkpoint; a `CheckpointError` when it holds only damaged ones.
   */
  async loadLatest(): Promise<Checkpoint | undefined> {
    await this.removeStaleFiles();
    const { names, pointerProblem } = await this.candidates();
    const damaged: string[] = [];
    const report = (location: string, reason: string) => {
      damaged.push(`${location} (${reason})`);
      this.onDamaged?.(location, reason);
    };
    if (pointerProblem) report(path.join(this.directory, POINTER), pointerProblem);
    for (const name of names) {
      const folder = path.join(this.directory, name);
      try {
        return await readCheckpoint(folder);
      } catch (error) {
        report(folder, (error as Error).message);
      }
    }
    if (damaged.length === 0) return undefined;
    throw new CheckpointError(`no intact checkpoint: ${damaged.join('; ')}`, this.directory);
  }

  /** Removes staging folders and pointer temp files left by saves that were killed half-way. */
  async removeStaleFiles(): Promise<void> {
    if (this.cleaned) return;
    let entries: string[];
    try {
      entries = await fs.readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    await Promise.all(
      entries
        .filter((entry) => STALE.test(entry))
        .map((entry) => fs.rm(path.join(this.directory, entry), { recursive: true, force: true })),
    );
    this.cleaned = true;
  }

  /** Folder names to try, best first: the one `LATEST` names, then every other by step, newest first. */
  private async candidates(): Promise<{ names: string[]; pointerProblem?: string }> {
    let entries: string[];
    try {
      entries = await fs.readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { names: [] };
      throw error;
    }
    const folders = entries
      .filter((entry) => STEP_FOLDER.test(entry))
      .sort()
      .reverse();
    let pointed: string | undefined;
    try {
      pointed = (await fs.readFile(path.join(this.directory, POINTER), 'utf8')).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (pointed === undefined) return { names: folders };
    if (!STEP_FOLDER.test(pointed) || !folders.includes(pointed)) {
      const shown = JSON.stringify(pointed.slice(0, 40));
      return { names: folders, pointerProblem: `names ${shown}, which is not a checkpoint folder here` };
    }
    return { names: [pointed, ...folders.filter((folder) => folder !== pointed)] };
  }

  private async prune(current: string): Promise<void> {
    const entries = (await fs.readdir(this.directory))
      .filter((e) => STEP_FOLDER.test(e) && e !== current)
      .sort();
    const stale = entries.slice(0, Math.max(0, entries.length - (this.keep - 1)));
    await Promise.all(
      stale.map((entry) => fs.rm(path.join(this.directory, entry), { recursive: true, force: true })),
    );
  }
}

/** Reads and verifies one checkpoint folder; throws a message naming the damaged file. */
async function readCheckpoint(folder: string): Promise<Checkpoint> {
  const contents = {} as Record<(typeof FILES)[number], Uint8Array>;
  for (const file of FILES) {
    try {
      contents[file] = new Uint8Array(await fs.readFile(path.join(folder, file)));
    } catch (error) {
      throw new Error(`${file} is unreadable (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
  }
  let checksums: Checksums | undefined;
  try {
    checksums = JSON.parse(await fs.readFile(path.join(folder, CHECKSUMS), 'utf8'));
  } catch (error) {
    // Checkpoints written before checksums existed have none: they get the structural checks only.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`${CHECKSUMS} is unreadable (${(error as Error).message})`);
    }
  }
  if (checksums !== undefined) {
    for (const file of FILES) {
      const expected = checksums[file];
      if (!expected || typeof expected.sha256 !== 'string')
        throw new Error(`${CHECKSUMS} has no entry for ${file}`);
      if (contents[file].byteLength !== expected.bytes) {
        throw new Error(`${file} has ${contents[file].byteLength} bytes, ${expected.bytes} were written`);
      }
      if (sha256(contents[file]) !== expected.sha256) throw new Error(`${file} fails its SHA-256 check`);
    }
  }
  let parsed: { meta: Record<string, unknown>; index: BundleIndexEntry[] };
  try {
    parsed = JSON.parse(new TextDecoder().decode(contents['meta.json']));
  } catch (error) {
    throw new Error(`meta.json is unreadable: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed.meta !== 'object' || !Array.isArray(parsed.index)) {
    throw new Error('meta.json has no meta and tensor index');
  }
  const needed = parsed.index.reduce((end, entry) => Math.max(end, entry.offset + entry.length * 4), 0);
  if (needed !== contents['tensors.bin'].byteLength) {
    throw new Error(`tensors.bin has ${contents['tensors.bin'].byteLength} bytes, the index needs ${needed}`);
  }
  return { meta: parsed.meta, tensors: unpackBundle(parsed.index, contents['tensors.bin']) };
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
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
