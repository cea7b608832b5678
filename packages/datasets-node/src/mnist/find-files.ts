import { existsSync, statSync } from 'fs';
import { join } from 'path';
import type { MnistFiles } from './catalog';

/** The four files found in a directory, as full paths. */
export type FoundFiles = Record<keyof MnistFiles, string>;

/**
 * Alternative names a published `.gz` file may have on disk: itself, unzipped (`train-images-idx3-ubyte`),
 * or the dotted spelling of the original MNIST site (`train-images.idx3-ubyte`), raw or gzip.
 */
export function candidateNames(published: string): string[] {
  const raw = published.replace(/\.gz$/, '');
  const dotted = raw.replace(/-(idx\d-ubyte)$/, '.$1');
  return [published, raw, `${dotted}.gz`, dotted];
}

/** Looks for all four files in `dir`; returns them, or which ones are missing. */
export function findFiles(dir: string, files: MnistFiles): { found?: FoundFiles; missing: string[] } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { missing: Object.values(files) };
  const found: Partial<FoundFiles> = {};
  const missing: string[] = [];
  for (const [key, published] of Object.entries(files) as Array<[keyof MnistFiles, string]>) {
    const hit = candidateNames(published).map((name) => join(dir, name)).find((path) => existsSync(path));
    if (hit) found[key] = hit;
    else missing.push(published);
  }
  return missing.length ? { missing } : { found: found as FoundFiles, missing };
}
