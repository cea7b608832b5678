import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A file to write: final path and contents. */
export interface PendingFile {
  path: string;
  data: string | Uint8Array;
}

/**
 * Writes several files so that readers never see a partial file and the last file of the list
 * appears only once all the others are in place.
 *
 * Each file is first written and fsync'ed to a hidden temporary sibling, then renamed over its
 * final path in list order (rename is atomic within a directory on POSIX). If any write or rename
 * fails, every temporary file still on disk is removed and the error is rethrown; files renamed
 * before the failure keep their new contents, files after it keep their old contents.
 *
 * @param files - files to write, in commit order (put the index/entry file last).
 */
export async function writeFilesAtomically(files: readonly PendingFile[]): Promise<void> {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temps = files.map((f) => join(dirname(f.path), `.${basename(f.path)}.${tag}.tmp`));
  const pending = new Set<string>();
  try {
    for (let i = 0; i < files.length; i++) {
      pending.add(temps[i]);
      await writeAndSync(temps[i], files[i].data);
    }
    for (let i = 0; i < files.length; i++) {
      await rename(temps[i], files[i].path);
      pending.delete(temps[i]);
    }
  } catch (err) {
    await Promise.all([...pending].map((t) => unlink(t).catch(() => undefined)));
    throw err;
  }
}

async function writeAndSync(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
