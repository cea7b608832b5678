import { promises as fs } from 'fs';
import * as path from 'path';

/** New content being written; a leftover is garbage. */
const STAGING_PREFIX = '.staging-';
/** An old folder moved aside while its replacement moves in; a leftover may be the only copy. */
const PREVIOUS_PREFIX = '.previous-';

/** A temporary sibling of `target` (same folder, so renaming it over `target` is atomic). */
export function stagingPath(target: string, prefix = STAGING_PREFIX): string {
  return path.join(path.dirname(target), `${prefix}${path.basename(target)}-${process.pid}-${Date.now()}`);
}

/**
 * Writes `file` all or nothing: the data goes to a temporary sibling, is fsynced, then renamed
 * over `file`. A kill at any moment leaves either the old file or the new one, never a mix.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = stagingPath(file);
  try {
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/**
 * Puts the fully written folder `staged` in place of `target`. A folder cannot be renamed over a
 * non-empty one, so the old one is first moved aside (one rename), the new one renamed in (a
 * second), and the old one deleted: a kill in between leaves the old folder beside `target`
 * (which `removeLeftovers` puts back), never a half-written `target`.
 */
export async function replaceDirectory(staged: string, target: string): Promise<void> {
  const old = stagingPath(target, PREVIOUS_PREFIX);
  let moved = false;
  try {
    await fs.rename(target, old);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.rename(staged, target);
  if (moved) await fs.rm(old, { recursive: true, force: true });
}

/**
 * Tidies what runs killed half-way left in `dir`: staging files and folders are removed; an old
 * folder moved aside by `replaceDirectory` is put back when its replacement never arrived.
 */
export async function removeLeftovers(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries.filter((e) => e.startsWith(STAGING_PREFIX))) {
    await fs.rm(path.join(dir, entry), { recursive: true, force: true });
  }
  // Newest first: if several old copies were left, the newest goes back.
  for (const entry of entries
    .filter((e) => e.startsWith(PREVIOUS_PREFIX))
    .sort(byTimestamp)
    .reverse()) {
    const original = entry.slice(PREVIOUS_PREFIX.length).replace(/-\d+-\d+$/, '');
    const target = path.join(dir, original);
    if (!(await exists(target))) await fs.rename(path.join(dir, entry), target);
    else await fs.rm(path.join(dir, entry), { recursive: true, force: true });
  }
}

function byTimestamp(a: string, b: string): number {
  return Number(a.split('-').at(-1)) - Number(b.split('-').at(-1));
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
