import { DatasetError } from '@contrastive/datasets';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** A decoded image: `width * height * 4` RGBA bytes. */
export interface RgbaImage {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** RGBA bytes, row-major. */
  data: Uint8Array;
}

/**
 * Decodes PNG or JPEG bytes (recognised by their signature, not the file extension) with pngjs / jpeg-js,
 * pure-JS decoders that need no native binaries. Anything else, or a corrupt file, throws a
 * {@link DatasetError} naming `source`.
 */
export function decodeImage(bytes: Uint8Array, source: string): RgbaImage {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    try {
      const png = PNG.sync.read(buffer);
      return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
    } catch (error) {
      throw new DatasetError(`unreadable PNG (${(error as Error).message})`, source);
    }
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    try {
      const image = jpeg.decode(buffer, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 512 });
      return { width: image.width, height: image.height, data: image.data };
    } catch (error) {
      throw new DatasetError(`unreadable JPEG (${(error as Error).message})`, source);
    }
  }
  throw new DatasetError('unreadable image: not a PNG or JPEG (unknown file signature)', source);
}

/** True when every pixel has R = G = B. */
export function isGrayscale(image: RgbaImage): boolean {
  const { data } = image;
  for (let i = 0; i < data.length; i += 4) if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) return false;
  return true;
}

/**
 * RGBA bytes to HWC floats in [0, 1] with 1 channel (ITU-R 601 luma; exact for gray images) or 3 (RGB).
 * Alpha is dropped.
 */
export function toChannels(image: RgbaImage, channels: 1 | 3): Float32Array {
  const n = image.width * image.height;
  const out = new Float32Array(n * channels);
  const { data } = image;
  for (let p = 0; p < n; p++) {
    const r = data[4 * p];
    const g = data[4 * p + 1];
    const b = data[4 * p + 2];
    if (channels === 1) out[p] = (r === g && g === b ? r : 0.299 * r + 0.587 * g + 0.114 * b) / 255;
    else {
      out[3 * p] = r / 255;
      out[3 * p + 1] = g / 255;
      out[3 * p + 2] = b / 255;
    }
  }
  return out;
}
