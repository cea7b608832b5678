import { idxToSplit } from '../../src/idx/idx-to-split';
import { parseIdx } from '../../src/idx/parse-idx';
import { idxBytes } from '../idx-bytes';

describe('idxToSplit', () => {
  const images = parseIdx(idxBytes(0x08, [3, 2, 2], [0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8]));

  it('adds a channel axis to rank-3 images and scales uint8 to [0, 1]', () => {
    const split = idxToSplit(images, parseIdx(idxBytes(0x08, [3], [2, 0, 1])));
    expect(split.exampleShape).toEqual([2, 2, 1]);
    expect(split.size).toBe(3);
    expect(Array.from(split.labels)).toEqual([2, 0, 1]);
    expect(split.x[1]).toBe(1);
    expect(split.x[2]).toBeCloseTo(0.2, 6);
  });

  it('keeps feature vectors of other dtypes unscaled', () => {
    const features = parseIdx(idxBytes(0x0d, [2, 3], [1.5, 2, 3, 4, 5, 6]));
    const split = idxToSplit(features, parseIdx(idxBytes(0x08, [2], [0, 1])));
    expect(split.exampleShape).toEqual([3]);
    expect(split.x[0]).toBe(1.5);
  });

  it('rejects a label/image count mismatch naming both files', () => {
    const labels = parseIdx(idxBytes(0x08, [2], [0, 1]));
    expect(() => idxToSplit(images, labels, { imagesSource: 'img.idx', labelsSource: 'lab.idx' })).toThrow(
      /^lab\.idx: label\/image count mismatch: 2 labels but img\.idx has 3 images/,
    );
  });

  it('rejects labels out of range and labels of the wrong rank', () => {
    expect(() => idxToSplit(images, parseIdx(idxBytes(0x08, [3], [0, 10, 1])), { numClasses: 10, labelsSource: 'l' })).toThrow(
      /l: label 10 at index 1 is outside \[0, 10\)/,
    );
    expect(() => idxToSplit(images, parseIdx(idxBytes(0x08, [3, 1], [0, 1, 1])), { labelsSource: 'l' })).toThrow(/rank 1/);
  });
});
