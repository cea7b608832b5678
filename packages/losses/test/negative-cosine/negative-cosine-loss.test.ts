import { tf, allFinite } from '../setup';
import { NegativeCosineLoss } from '../../src';

describe('NegativeCosineLoss', () => {
  it('symmetric: false averages D(p_v, z_v) over the views', () => {
    const p = tf.randomNormal([5, 3, 4], 0, 1, 'float32', 1);
    const z = tf.randomNormal([5, 3, 4], 0, 1, 'float32', 2);
    const loss = new NegativeCosineLoss();
    const perView = [0, 1, 2].map((v) => {
      const pick = (x: tf.Tensor) => tf.slice(x, [0, v, 0], [5, 1, 4]);
      return loss.compute(pick(p), { targets: pick(z) }).dataSync()[0];
    });
    expect(loss.compute(p, { targets: z }).dataSync()[0]).toBeCloseTo((perView[0] + perView[1] + perView[2]) / 3, 6);
    tf.dispose([p, z]);
  });

  it('is finite with zero vectors and leaks nothing', () => {
    const loss = new NegativeCosineLoss({ symmetric: true });
    const p = tf.concat([tf.zeros([1, 2, 4]), tf.randomNormal([3, 2, 4], 0, 1, 'float32', 3)]);
    const z = tf.concat([tf.randomNormal([3, 2, 4], 0, 1, 'float32', 4), tf.zeros([1, 2, 4])]);
    const step = () => {
      const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => loss.compute(x, { targets: z }))(p);
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      expect(allFinite(grad.dataSync())).toBe(true);
      tf.dispose([value, grad]);
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([p, z]);
  });

  it('names bad input', () => {
    const x = tf.ones([4, 2, 8]);
    expect(() => new NegativeCosineLoss({ symmetric: 'yes' as never })).toThrow(/invalid options for loss 'negative-cosine':\n {2}loss\.options\.symmetric/);
    expect(() => new NegativeCosineLoss({ symmetric: true }).compute(tf.ones([4, 3, 8]), { targets: tf.ones([4, 3, 8]) })).toThrow(
      /symmetric: true needs exactly 2 views/,
    );
    const loss = new NegativeCosineLoss();
    expect(() => loss.compute(tf.ones([4, 8]), { targets: tf.ones([4, 8]) })).toThrow(/predictions must have rank 3 \(\[N, V, D\]\).*\[N, 1, D\]/);
    expect(() => loss.compute(x, undefined as never)).toThrow(/target\.targets \[4, 2, 8\] is required/);
    expect(() => loss.compute(x, { targets: tf.ones([4, 1, 8]) })).toThrow(/target\.targets must have the predictions' shape \[4, 2, 8\], got \[4, 1, 8\]/);
    expect(() => loss.compute(x, { targets: tf.fill([4, 2, 8], Number.POSITIVE_INFINITY) })).toThrow(/target\.targets must contain finite values/);
  });
});
