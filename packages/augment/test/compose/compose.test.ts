import * as tf from '@tensorflow/tfjs-core';
import {
  Compose,
  Identity,
  RandomCrop,
  RandomHorizontalFlip,
  RandomResizedCrop,
  RandomVerticalFlip,
  type Augmentation,
} from '@contrastive/augment';
import type { SeededRandom } from '@contrastive/core';
import { expectNoLeak, maxAbsDiff, randomImages, rng, useCpu } from '../helpers';

useCpu();

/** Adds a per-call random offset drawn from the rng, to observe order and rng use. */
class AddRandom implements Augmentation {
  readonly name = 'AddRandom';
  apply(batch: tf.Tensor, r: SeededRandom): tf.Tensor {
    const v = r.next();
    return tf.tidy(() => tf.add(batch, v));
  }
}
class Times implements Augmentation {
  readonly name = 'Times';
  constructor(private readonly k: number) {}
  apply(batch: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.mul(batch, this.k));
  }
}
describe('Compose', () => {
  it('applies the steps in order and frees intermediates', () => {
    const x = tf.ones([3, 2]);
    const out = new Compose([new Times(2), new AddRandom(), new Times(10)]).apply(x, rng(1));
    const v = rng(1).next();
    expect(out.dataSync()[0]).toBeCloseTo((2 + v) * 10, 4);
    expectNoLeak(() => new Compose([new Times(2), new AddRandom(), new Times(10)]).apply(x, rng(1)));
    expectNoLeak(() => new Compose([]).apply(x, rng(1)));
    expect(x.isDisposed).toBe(false);
    tf.dispose([x, out]);
  });

  it('fuses a crop followed by flips into one pass with the same result as applying them one by one', async () => {
    const x = randomImages([24, 9, 8, 3]);
    const cases: Augmentation[][] = [
      [new RandomCrop({ padding: 2 }), new RandomHorizontalFlip()],
      [new RandomResizedCrop({ size: [6, 7] }), new RandomHorizontalFlip(), new RandomVerticalFlip()],
    ];
    for (const steps of cases) {
      const fused = new Compose(steps).apply(x, rng(5));
      const r = rng(5);
      let stepwise: tf.Tensor = tf.clone(x);
      for (const step of steps) {
        const next = step.apply(stepwise, r);
        stepwise.dispose();
        stepwise = next;
      }
      expect(fused.shape).toEqual(stepwise.shape);
      expect(maxAbsDiff(fused.dataSync(), stepwise.dataSync())).toBeLessThan(1e-5);
      expectNoLeak(() => new Compose(steps).apply(x, rng(5)));
      const profile = await tf.profile(() => new Compose(steps).apply(x, rng(5)));
      expect(profile.kernels.filter((k) => k.name === 'CropAndResize')).toHaveLength(1);
      (profile.result as tf.Tensor).dispose();
      tf.dispose([fused, stepwise]);
    }
    x.dispose();
  });

  it('rejects non-augmentation steps by index', () => {
    expect(() => new Compose([new Identity(), {} as never])).toThrow(/argument 'steps\[1\]' must be an Augmentation/);
  });
});
