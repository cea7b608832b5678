import { mkdirSync, copyFileSync } from 'fs';
import { join } from 'path';
import { loadImageFolder } from '../../src/images/load-image-folder';
import { resizeBilinear } from '../../src/images/resize';
import { fixture, tempDir } from '../fixture-path';

const images = (...parts: string[]) => fixture('images', ...parts);

describe('loadImageFolder', () => {
  it('reads PNG and JPEG class folders, sorted classes, grayscale -> 1 channel, ignores other files', async () => {
    const dataset = await loadImageFolder({ root: images('shapes'), testFraction: 0 });
    expect(dataset.classNames).toEqual(['dark', 'light']);
    expect(dataset.train.size).toBe(6);
    expect(dataset.train.exampleShape).toEqual([6, 6, 1]);
    expect(Array.from(dataset.train.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(dataset.train.x[0]).toBeCloseTo(20 / 255, 6);
    const jpg = dataset.train.x[2 * 36];
    expect(Math.abs(jpg * 255 - 30)).toBeLessThan(3);
    const stripes = dataset.train.x.subarray(5 * 36, 6 * 36);
    expect([stripes[0], stripes[1]]).toEqual([0, 1]);
  });

  it('RGB images keep 3 channels; channels: 1 converts to luma', async () => {
    const rgb = await loadImageFolder({ root: images('rgb'), testFraction: 0 });
    expect(rgb.classNames).toEqual(['blue', 'red']);
    expect(rgb.train.exampleShape).toEqual([2, 3, 3]);
    expect(Array.from(rgb.train.x.slice(0, 3))).toEqual([0, 0, 1]);
    const luma = await loadImageFolder({ root: images('rgb'), testFraction: 0, channels: 1 });
    expect(luma.train.exampleShape).toEqual([2, 3, 1]);
    expect(luma.train.x[0]).toBeCloseTo(0.114, 5);
  });

  it('stratified held-out test split, or a separate test root', async () => {
    const split = await loadImageFolder({ root: images('shapes'), testFraction: 0.34, seed: 3 });
    expect(split.test.size).toBe(2);
    expect(Array.from(split.test.labels).sort()).toEqual([0, 1]);
    const withTest = await loadImageFolder({ root: images('shapes'), testRoot: images('shapes') });
    expect(withTest.test.size).toBe(6);
    await expect(loadImageFolder({ root: images('shapes'), testRoot: images('rgb') })).rejects.toThrow(
      /rgb\/blue: class 'blue' does not exist in the train folder/,
    );
  });

  it('mismatched sizes are an error naming the file unless resize is asked for', async () => {
    await expect(loadImageFolder({ root: images('mixed-sizes') })).rejects.toThrow(
      /large\.png: image is 8x8, expected 4x4 \(set resize: 'bilinear' to resize\)/,
    );
    const resized = await loadImageFolder({ root: images('mixed-sizes'), resize: 'bilinear', size: [5, 5], testFraction: 0 });
    expect(resized.train.exampleShape).toEqual([5, 5, 1]);
    for (const v of resized.train.x) expect(v).toBeCloseTo(100 / 255, 5);
  });

  it.each([
    ['unreadable', /broken\.png: unreadable PNG/],
    ['not-an-image', /fake\.png: unreadable image: not a PNG or JPEG/],
    ['does-not-exist', /does-not-exist: image folder not found/],
  ])('%s -> error naming the file', async (root, message) => {
    await expect(loadImageFolder({ root: images(root) })).rejects.toThrow(message);
  });

  it('empty class folders and roots without class folders are errors naming the folder', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'a'));
    mkdirSync(join(root, 'b'));
    copyFileSync(images('shapes', 'dark', 'a.png'), join(root, 'a', 'x.png'));
    await expect(loadImageFolder({ root })).rejects.toThrow(new RegExp(`${join(root, 'b')}: empty class folder`));
    const flat = tempDir();
    copyFileSync(images('shapes', 'dark', 'a.png'), join(flat, 'x.png'));
    await expect(loadImageFolder({ root: flat })).rejects.toThrow(/no class sub-directories/);
  });
});

describe('resizeBilinear', () => {
  it('is the identity at the same size and interpolates with half-pixel centres', () => {
    const src = Float32Array.from([0, 1, 2, 3]);
    expect(Array.from(resizeBilinear(src, 2, 2, 1, 2, 2))).toEqual([0, 1, 2, 3]);
    const up = resizeBilinear(Float32Array.from([0, 1]), 1, 2, 1, 1, 4);
    expect(Array.from(up)).toEqual([0, 0.25, 0.75, 1]);
    const down = resizeBilinear(Float32Array.from([0, 1, 2, 3]), 1, 4, 1, 1, 2);
    expect(Array.from(down)).toEqual([0.5, 2.5]);
  });
});
