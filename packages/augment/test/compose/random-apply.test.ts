import * as tf from '@tensorflow/tfjs-core';
import { Identity, RandomApply, type Augmentation } from '@contrastive/augment';
import { expectNoLeak, rng, useCpu } from '../helpers';

useCpu();

class AddOne implements Augmentation {
  readonly name = 'AddOne';
  apply(batch: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.add(batch, 1));
  }
}

class Shrink implements Augmentation {
  readonly name = 'Shrink';
  apply(batch: tf.Tensor): tf.Tensor {
    return tf.slice(batch, [0, 0], [-1, 1]);
  }
}

describe('RandomApply', () => {
  it('applies to about p of the rows, leaves the others exactly', () => {
    const x = tf.zeros([400, 3]);
    const out = new RandomApply(new AddOne(), 0.25).apply(x, rng(2));
    const rowsChanged = tf.sum(tf.max(out, 1)).dataSync()[0];
    expect(rowsChanged).toBeGreaterThan(70);
    expect(rowsChanged).toBeLessThan(130);
    expect(Array.from(out.dataSync()).every((v) => v === 0 || v === 1)).toBe(true);
    expectNoLeak(() => new RandomApply(new AddOne(), 0.5).apply(x, rng(2)));
    expectNoLeak(() => new RandomApply(new AddOne(), 1).apply(x, rng(2)));
    expectNoLeak(() => new RandomApply(new AddOne(), 0).apply(x, rng(2)));
    tf.dispose([x, out]);
  });

  it('rejects a shape-changing augmentation and a bad p', () => {
    const x = tf.zeros([4, 3]);
    const before = tf.memory().numTensors;
    expect(() => new RandomApply(new Shrink(), 1).apply(x, rng())).toThrow(/must preserve the shape \[4, 3\]; it returned \[4, 1\]/);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => new RandomApply(new Identity(), 1.5)).toThrow(/RandomApply\.p/);
    x.dispose();
  });
});
