import type { PickedFile } from '../protocol';

/** What the user gave: an image folder (one sub-folder per class) or one CSV. */
export type PickedData =
  | { kind: 'image-folder'; files: PickedFile[]; summary: string }
  | { kind: 'csv'; file: PickedFile; summary: string };

/** Drops the first path segment (the chosen folder's own name), leaving `class/name.png`. */
function withinFolder(path: string): string {
  return path.split('/').slice(1).join('/');
}

/** A CSV, or a folder of files, into what the worker loads; undefined when nothing usable was given. */
export function describePicked(files: PickedFile[]): PickedData | undefined {
  if (files.length === 0) return undefined;
  const csv = files.filter((f) => /\.csv$/i.test(f.path));
  if (files.length === 1 && csv.length === 1)
    return { kind: 'csv', file: csv[0], summary: `CSV: ${csv[0].path}` };
  const classes = new Set(
    files.map((f) => f.path.split('/')[0]).filter((_, i) => files[i].path.includes('/')),
  );
  return {
    kind: 'image-folder',
    files,
    summary: `${files.length} files in ${classes.size} sub-folder${classes.size === 1 ? '' : 's'}`,
  };
}

/** The files of a `webkitdirectory` input, with paths relative to the chosen folder. */
export function filesOfFolderInput(input: HTMLInputElement): PickedFile[] {
  return [...(input.files ?? [])].map((file) => ({
    path: withinFolder(file.webkitRelativePath || file.name),
    file,
  }));
}

/**
 * The files of a drop: one dropped folder is read recursively (its own name dropped from the
 * paths); several dropped folders are taken as the class folders themselves; a dropped file as is.
 */
export async function filesOfDrop(items: DataTransferItemList): Promise<PickedFile[]> {
  const entries = [...items]
    .map((item) => item.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => e !== null);
  const files: PickedFile[] = [];
  const single = entries.length === 1 && entries[0].isDirectory;
  for (const entry of entries) await collect(entry, files);
  return files.map((f) => ({ ...f, path: single ? withinFolder(f.path) : f.path }));
}

async function collect(entry: FileSystemEntry, into: PickedFile[]): Promise<void> {
  const path = entry.fullPath.replace(/^\//, '');
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    into.push({ path, file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries hands back a batch at a time (100 in Chromium) until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    for (const child of batch) await collect(child, into);
  }
}
