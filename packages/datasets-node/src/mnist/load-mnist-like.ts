import { homedir } from 'os';
import { join } from 'path';
import { DatasetError, type LabeledDataset } from '@contrastive/datasets';
import { loadIdxDataset } from '../idx/read-idx-file';
import { FASHION_MNIST, MNIST, type FileChecksum, type MnistLikeDescriptor } from './catalog';
import { downloadVerified } from './download';
import { findFiles, type FoundFiles } from './find-files';

/** Options of {@link loadFashionMnist} / {@link loadMnist}. */
export interface MnistLoadOptions {
  /** Directory holding the four IDX files (raw or .gz). When given, it is the only place looked in. */
  dir?: string;
  /** Cache directory root (default `$CONTRASTIVE_CACHE_DIR`, else `$XDG_CACHE_HOME/contrastive`, else `~/.cache/contrastive`). */
  cacheDir?: string;
  /** Download into the cache when no copy is found (default true; `CONTRASTIVE_OFFLINE=1` turns it off). */
  download?: boolean;
  /** Override the download location (a URL ending in `/`), e.g. a local mirror. */
  baseUrl?: string;
  /** Override the expected checksums, keyed by published file name. */
  checksums?: Record<string, FileChecksum>;
  /** Override the system directories searched (default: the descriptor's, e.g. Debian's). */
  systemDirs?: string[];
  /** Environment to read variables from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Download timeout per file in ms. */
  timeoutMs?: number;
}

/** One place searched and why it did not do. */
interface Attempt {
  where: string;
  outcome: string;
}

/** Where the files of `descriptor` are looked for, in order, with the reason each place is searched. */
export function searchLocations(descriptor: MnistLikeDescriptor, options: MnistLoadOptions = {}): Array<{ dir: string; via: string }> {
  const env = options.env ?? process.env;
  if (options.dir) return [{ dir: options.dir, via: 'option dir' }];
  const places: Array<{ dir: string; via: string }> = [];
  if (env[descriptor.envVar]) places.push({ dir: env[descriptor.envVar]!, via: `$${descriptor.envVar}` });
  if (env.CONTRASTIVE_DATA_DIR) places.push({ dir: join(env.CONTRASTIVE_DATA_DIR, descriptor.id), via: '$CONTRASTIVE_DATA_DIR' });
  places.push({ dir: join(cacheRoot(options), descriptor.id), via: 'cache' });
  for (const dir of options.systemDirs ?? descriptor.systemDirs) places.push({ dir, via: 'system' });
  return places;
}

/** The cache root: option, `$CONTRASTIVE_CACHE_DIR`, `$XDG_CACHE_HOME/contrastive` or `~/.cache/contrastive`. */
export function cacheRoot(options: Pick<MnistLoadOptions, 'cacheDir' | 'env'> = {}): string {
  const env = options.env ?? process.env;
  return options.cacheDir ?? env.CONTRASTIVE_CACHE_DIR ?? join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'contrastive');
}

/**
 * Loads an MNIST-format dataset from the first place that has all four files: option `dir` (exclusive),
 * `$<DATASET>_DIR`, `$CONTRASTIVE_DATA_DIR/<id>`, the cache, system directories; otherwise downloads into the
 * cache with checksum verification. When nothing works the error lists every place looked and why.
 */
export async function loadMnistLike(descriptor: MnistLikeDescriptor, options: MnistLoadOptions = {}): Promise<LabeledDataset> {
  const attempts: Attempt[] = [];
  for (const { dir, via } of searchLocations(descriptor, options)) {
    const { found, missing } = findFiles(dir, descriptor.files);
    if (found) return fromFiles(descriptor, found);
    attempts.push({ where: `${dir} (${via})`, outcome: `missing ${missing.join(', ')}` });
  }
  const env = options.env ?? process.env;
  const offline = env.CONTRASTIVE_OFFLINE === '1' || env.CONTRASTIVE_OFFLINE === 'true';
  const download = !options.dir && (options.download ?? !offline);
  if (download) {
    const dir = join(cacheRoot(options), descriptor.id);
    const baseUrl = options.baseUrl ?? descriptor.baseUrl;
    try {
      for (const file of Object.values(descriptor.files)) {
        const checksum = options.checksums?.[file] ?? descriptor.checksums[file];
        if (!checksum) throw new DatasetError(`no checksum known for ${file}; pass options.checksums`, `${baseUrl}${file}`);
        await downloadVerified(`${baseUrl}${file}`, join(dir, file), checksum, { timeoutMs: options.timeoutMs });
      }
      const { found } = findFiles(dir, descriptor.files);
      if (found) return fromFiles(descriptor, found);
    } catch (error) {
      attempts.push({ where: `download from ${baseUrl} into ${dir}`, outcome: (error as Error).message });
    }
  } else {
    attempts.push({
      where: 'download',
      outcome: options.dir ? 'not tried: option dir was given' : offline ? 'disabled by CONTRASTIVE_OFFLINE' : 'disabled by option download: false',
    });
  }
  throw new DatasetError(
    `${descriptor.id} not found. Looked in:\n` +
      attempts.map((a) => `  - ${a.where}: ${a.outcome}`).join('\n') +
      `\nPut the four IDX files (${Object.values(descriptor.files).join(', ')}, raw or .gz) in one of these directories, ` +
      `set $${descriptor.envVar}, or allow the download. The embedded subset ('fashion-mnist-embedded') needs no files.`,
  );
}

/** Full Fashion-MNIST (60k train / 10k test, 28x28x1 in [0, 1]); see {@link loadMnistLike} for where it looks. */
export function loadFashionMnist(options: MnistLoadOptions = {}): Promise<LabeledDataset> {
  return loadMnistLike(FASHION_MNIST, options);
}

/** Full MNIST (60k train / 10k test, 28x28x1 in [0, 1]); see {@link loadMnistLike} for where it looks. */
export function loadMnist(options: MnistLoadOptions = {}): Promise<LabeledDataset> {
  return loadMnistLike(MNIST, options);
}

async function fromFiles(descriptor: MnistLikeDescriptor, files: FoundFiles): Promise<LabeledDataset> {
  const dataset = await loadIdxDataset({
    name: descriptor.id,
    classNames: [...descriptor.classNames],
    train: { images: files.trainImages, labels: files.trainLabels },
    test: { images: files.testImages, labels: files.testLabels },
  });
  return descriptor.licence ? { ...dataset, licence: descriptor.licence } : dataset;
}
