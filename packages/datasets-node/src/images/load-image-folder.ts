import { readdir } from 'fs/promises';
import { extname, join } from 'path';
import { SeededRandom } from '@contrastive/core';
import { checkLabeledDataset, DatasetError, stratifiedSplit, type LabeledDataset, type LabeledSplit } from '@contrastive/datasets';
import { readFileBytes } from '../io/read-bytes';
import { decodeImage, isGrayscale, toChannels, type RgbaImage } from './decode-image';
import { resizeBilinear } from './resize';

/** File extensions read as images (case-insensitive); other files in class folders are ignored. */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];

/** Options of {@link loadImageFolder}. */
export interface ImageFolderOptions {
  /** `root/<class>/*.png|jpg`: one sub-directory per class (sorted names = class order). */
  root: string;
  /** Same layout for the test split; else a stratified `testFraction` of `root` is held out. */
  testRoot?: string;
  /** Share of each class held out as the test split. */
  testFraction?: number;
  /** Seed of the train/test split. */
  seed?: number | string;
  /** Target `[height, width]`; default: the size of the first image. */
  size?: [number, number];
  /** `'none'` (default): every image must already have the target size; `'bilinear'`: resize to it. */
  resize?: 'none' | 'bilinear';
  /** 1 (grayscale), 3 (RGB) or `'auto'` (default: 1 when every image is gray, else 3). */
  channels?: 1 | 3 | 'auto';
  /** Dataset name (default: the folder name). */
  name?: string;
}

interface Entry {
  file: string;
  label: number;
  image: RgbaImage;
}

/**
 * Loads `root/<class>/*.png|jpg` (torchvision ImageFolder layout) into `[H, W, C]` splits in [0, 1].
 * All images are decoded before anything is returned; empty folders, unreadable images, mismatched sizes
 * (unless `resize: 'bilinear'`) and test classes unknown to train throw a {@link DatasetError} naming the
 * file or folder.
 */
export async function loadImageFolder(options: ImageFolderOptions): Promise<LabeledDataset> {
  const classNames = await listClasses(options.root);
  const trainEntries = await readEntries(options.root, classNames, classNames);
  const testEntries = options.testRoot ? await readEntries(options.testRoot, await listClasses(options.testRoot), classNames) : [];
  const all = [...trainEntries, ...testEntries];
  const channels = options.channels === undefined || options.channels === 'auto' ? (all.every((e) => isGrayscale(e.image)) ? 1 : 3) : options.channels;
  const [height, width] = options.size ?? [all[0].image.height, all[0].image.width];
  const resize = options.resize ?? 'none';
  const toSplit = (entries: Entry[]): LabeledSplit => {
    const d = height * width * channels;
    const x = new Float32Array(entries.length * d);
    entries.forEach(({ file, image }, i) => {
      let pixels = toChannels(image, channels);
      if (image.height !== height || image.width !== width) {
        if (resize !== 'bilinear') {
          throw new DatasetError(
            `image is ${image.height}x${image.width}, expected ${height}x${width} (set resize: 'bilinear' to resize)`,
            file,
          );
        }
        pixels = resizeBilinear(pixels, image.height, image.width, channels, height, width);
      }
      x.set(pixels, i * d);
    });
    return { x, exampleShape: [height, width, channels], labels: Int32Array.from(entries, (e) => e.label), size: entries.length };
  };
  const trainSplit = toSplit(trainEntries);
  const splits = options.testRoot
    ? { train: trainSplit, test: toSplit(testEntries) }
    : stratifiedSplit(trainSplit, options.testFraction ?? 0.2, new SeededRandom(options.seed ?? 0).fork('image-folder-split'));
  const dataset = { name: options.name ?? 'image-folder', classNames, ...splits };
  checkLabeledDataset(dataset, { train: options.root, test: options.testRoot ?? options.root });
  return dataset;
}

async function listClasses(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetError(code === 'ENOENT' ? 'image folder not found' : (error as Error).message, root);
  }
  const classes = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  if (classes.length === 0) throw new DatasetError('no class sub-directories (expected root/<class>/*.png|jpg)', root);
  return classes;
}

async function readEntries(root: string, classes: string[], classNames: string[]): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const name of classes) {
    const label = classNames.indexOf(name);
    const folder = join(root, name);
    if (label < 0) throw new DatasetError(`class '${name}' does not exist in the train folder (classes: ${classNames.join(', ')})`, folder);
    const files = (await readdir(folder, { withFileTypes: true }))
      .filter((e) => e.isFile() && !e.name.startsWith('.') && IMAGE_EXTENSIONS.includes(extname(e.name).toLowerCase()))
      .map((e) => join(folder, e.name))
      .sort();
    if (files.length === 0) throw new DatasetError(`empty class folder: no ${IMAGE_EXTENSIONS.join('/')} files`, folder);
    for (const file of files) entries.push({ file, label, image: decodeImage(await readFileBytes(file), file) });
  }
  return entries;
}
