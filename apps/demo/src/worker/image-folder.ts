import type { LabeledDataset } from '@contrastive/datasets';
import type { PickedFile } from '../protocol';
import { splitUserDataset } from './split-user-dataset';
import { UserDatasetError } from './user-dataset-error';

/** Every image is drawn onto this square (the seed CNN's Fashion-MNIST size): small enough to train in a page. */
export const IMAGE_SIDE = 28;

const IMAGE_FILE = /\.(png|jpe?g|gif|webp|bmp)$/i;

/** RGBA pixels of one image scaled to IMAGE_SIDE², decoded by the browser (no decoder library needed). */
async function decodeScaled(picked: PickedFile): Promise<Uint8ClampedArray> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(picked.file);
  } catch {
    throw new UserDatasetError(`${picked.path}: not a readable image (the browser could not decode it)`);
  }
  const canvas = new OffscreenCanvas(IMAGE_SIDE, IMAGE_SIDE);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('OffscreenCanvas 2d context is unavailable in this browser');
  context.drawImage(bitmap, 0, 0, IMAGE_SIDE, IMAGE_SIDE);
  bitmap.close();
  return context.getImageData(0, 0, IMAGE_SIDE, IMAGE_SIDE).data;
}

/**
 * A dropped folder of images, one sub-folder per class (`class/name.png`, the torchvision
 * ImageFolder layout): every image scaled to 28x28, grayscale when all are gray, else RGB, pixels
 * in [0, 1]. Files that are not images are skipped; an image that does not decode is an error
 * naming it.
 */
export async function loadImageFolder(files: PickedFile[]): Promise<LabeledDataset> {
  const images = files.filter((f) => IMAGE_FILE.test(f.path));
  const inClass = images.filter((f) => f.path.split('/').length >= 2);
  if (inClass.length === 0) {
    throw new UserDatasetError(
      images.length
        ? 'the images are not in class sub-folders: drop a folder that holds one sub-folder per class (cat/1.png, dog/2.png, ...)'
        : 'no images found (.png, .jpg, .gif, .webp, .bmp): drop a folder that holds one sub-folder of images per class',
    );
  }
  const classNames = [...new Set(inClass.map((f) => f.path.split('/')[0]))].sort();
  const decoded: Uint8ClampedArray[] = [];
  for (const picked of inClass) decoded.push(await decodeScaled(picked));
  const gray = decoded.every((rgba) => {
    for (let i = 0; i < rgba.length; i += 4)
      if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2]) return false;
    return true;
  });
  const channels = gray ? 1 : 3;
  const size = IMAGE_SIDE * IMAGE_SIDE * channels;
  const x = new Float32Array(inClass.length * size);
  decoded.forEach((rgba, n) => {
    for (let p = 0; p < IMAGE_SIDE * IMAGE_SIDE; p++)
      for (let c = 0; c < channels; c++) x[n * size + p * channels + c] = rgba[p * 4 + c] / 255;
  });
  const labels = Int32Array.from(inClass, (f) => classNames.indexOf(f.path.split('/')[0]));
  return splitUserDataset('image folder', classNames, {
    x,
    labels,
    exampleShape: [IMAGE_SIDE, IMAGE_SIDE, channels],
    size: inClass.length,
  });
}
