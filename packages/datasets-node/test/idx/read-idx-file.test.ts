import { loadIdxDataset, loadIdxSplit, readIdxFile } from '../../src/idx/read-idx-file';
import { fixture } from '../fixture-path';

const pair = (dir: string, images: string, labels: string) => ({ images: fixture(dir, images), labels: fixture(dir, labels) });

describe('IDX files', () => {
  it('reads raw and gzip files to the same array', async () => {
    const gz = await readIdxFile(fixture('mnist-like', 'train-images-idx3-ubyte.gz'));
    const raw = await readIdxFile(fixture('mnist-like-raw', 'train-images.idx3-ubyte'));
    expect(gz.dims).toEqual([6, 4, 4]);
    expect(Array.from(gz.data)).toEqual(Array.from(raw.data));
  });

  it('loads a dataset with [4, 4, 1] examples in [0, 1] and default class names', async () => {
    const dataset = await loadIdxDataset({
      train: pair('mnist-like', 'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'),
      test: pair('mnist-like', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'),
    });
    expect(dataset.train.size).toBe(6);
    expect(dataset.test.size).toBe(3);
    expect(dataset.train.exampleShape).toEqual([4, 4, 1]);
    expect(dataset.classNames).toEqual(['0', '1', '2']);
    expect(Array.from(dataset.test.labels)).toEqual([2, 1, 0]);
    expect(dataset.train.x[17]).toBeCloseTo(17 / 255, 7);
  });

  it.each([
    ['wrong magic', 'bad-magic-idx3-ubyte', /bad-magic-idx3-ubyte: unknown IDX type byte 0x07/],
    ['truncated raw', 'truncated-idx3-ubyte', /truncated-idx3-ubyte: truncated IDX data: .* need 96 bytes, found 91/],
    ['truncated inside gzip', 'truncated-idx3-ubyte.gz', /truncated-idx3-ubyte\.gz: truncated IDX data/],
    ['cut gzip stream', 'cut-gzip-idx3-ubyte.gz', /cut-gzip-idx3-ubyte\.gz: corrupt or truncated gzip/],
  ])('%s -> error naming the file', async (_, file, message) => {
    await expect(readIdxFile(fixture('corrupt', file))).rejects.toThrow(message);
  });

  it('label/image count mismatch and out-of-range labels name the labels file', async () => {
    const images = fixture('mnist-like', 'train-images-idx3-ubyte.gz');
    await expect(loadIdxSplit({ images, labels: fixture('corrupt', 'five-labels-idx1-ubyte') })).rejects.toThrow(
      /five-labels-idx1-ubyte: label\/image count mismatch: 5 labels but .*train-images-idx3-ubyte\.gz has 6 images/,
    );
    await expect(loadIdxSplit({ images, labels: fixture('corrupt', 'label-out-of-range-idx1-ubyte') }, 10)).rejects.toThrow(
      /label-out-of-range-idx1-ubyte: label 12 at index 5 is outside \[0, 10\)/,
    );
  });

  it('one stray label without class names is a load error naming the labels file, not 198 classes', async () => {
    const options = {
      train: pair('mnist-like', 'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'),
      test: pair('mnist-like', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'),
    };
    options.train.labels = fixture('corrupt', 'stray-label-idx1-ubyte');
    await expect(loadIdxDataset(options)).rejects.toThrow(
      /stray-label-idx1-ubyte: class ids 3\.\.199 never occur though labels run up to 200 \(index 5\)/,
    );
    // With class names the same label is out of range, also at load time.
    await expect(loadIdxDataset({ ...options, classNames: ['a', 'b', 'c'] })).rejects.toThrow(
      /stray-label-idx1-ubyte: label 200 at index 5 is outside \[0, 3\)/,
    );
  });
});
