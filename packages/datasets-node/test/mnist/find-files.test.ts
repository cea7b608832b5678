import { FASHION_MNIST } from '../../src/mnist/catalog';
import { candidateNames, findFiles } from '../../src/mnist/find-files';
import { fixture } from '../fixture-path';

describe('findFiles', () => {
  it('accepts published .gz names, unzipped names and the dotted MNIST spelling', () => {
    expect(candidateNames('train-images-idx3-ubyte.gz')).toEqual([
      'train-images-idx3-ubyte.gz',
      'train-images-idx3-ubyte',
      'train-images.idx3-ubyte.gz',
      'train-images.idx3-ubyte',
    ]);
    expect(findFiles(fixture('mnist-like'), FASHION_MNIST.files).found?.trainImages).toBe(fixture('mnist-like', 'train-images-idx3-ubyte.gz'));
    expect(findFiles(fixture('mnist-like-raw'), FASHION_MNIST.files).found?.testLabels).toBe(fixture('mnist-like-raw', 't10k-labels.idx1-ubyte'));
  });

  it('reports which files are missing', () => {
    const { found, missing } = findFiles(fixture('mnist-partial'), FASHION_MNIST.files);
    expect(found).toBeUndefined();
    expect(missing).toEqual(['train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']);
    expect(findFiles(fixture('does-not-exist'), FASHION_MNIST.files).missing).toHaveLength(4);
  });
});
