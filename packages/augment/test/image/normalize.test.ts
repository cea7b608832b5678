import * as tf from '@tensorflow/tfjs-core';
import { Normalize } from '@contrastive/augment';
import { expectNoLeak, maxAbsDiff, randomImages, rng, useCpu } from '../helpers';

useCpu();

describe('Normalize', () => {
  it('standardises per channel', () => {
    const x = randomImages([2, 3, 3, 3]);
    const mean = [0.4914, 0.4822, 0.4465];
    const std = [0.247, 0.243, 0.261];
    const out = new Normalize({ mean, std }).apply(x, rng());
    const expected = x.arraySync().flat(3).map((v, i) => (v - mean[i % 3]) / std[i % 3]);
    expect(maxAbsDiff(out.dataSync(), expected)).toBeLessThan(1e-5);
    expectNoLeak(() => new Normalize({ mean: [0.5], std: [0.5] }).apply(x, rng()));
    tf.dispose([x, out]);
  });

  it('names the mismatch between option length and channel count', () => {
    const x = randomImages([1, 2, 2, 1]);
    expect(() => new Normalize({ mean: [0, 0, 0], std: [1] }).apply(x, rng())).toThrow(
      /option 'mean' has 3 values but argument 'batch' has 1 channels/,
    );
    expect(() => new Normalize({ mean: [0], std: [0] })).toThrow(/Normalize\.std\.0/);
    x.dispose();
  });
});
