import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // its CommonJS bundle registers tfjs-core's gradients
import { withoutGradient } from '../../src/internal/without-gradient';

beforeAll(() => tf.setBackend('cpu'));

describe('withoutGradient', () => {
  it('returns the value of fn but passes no gradient back through it', () => {
    const x = tf.tensor1d([1, 2, 3]);
    const grad = tf.grad((v: tf.Tensor) =>
      tf.sum(
        tf.add(
          tf.mul(v, 3),
          withoutGradient(() => tf.mul(v, v)),
        ),
      ),
    )(x);
    expect(Array.from(grad.dataSync())).toEqual([3, 3, 3]);
    const value = tf.tidy(() => withoutGradient(() => tf.mul(x, x)).arraySync());
    expect(value).toEqual([1, 4, 9]);
    tf.dispose([x, grad]);
  });

  it('makes a result depending only on a variable unreachable by variableGrads', () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    expect(() => tf.variableGrads(() => tf.sum(withoutGradient(() => tf.square(v))), [v])).toThrow(
      /Cannot find a connection/,
    );
    v.dispose();
  });

  it('leaks nothing, inside or outside a tape', () => {
    const x = tf.tensor1d([1, 2, 3]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      tf.tidy(() => {
        withoutGradient(() => tf.exp(x));
      });
      tf.dispose(
        tf.grad((v: tf.Tensor) =>
          tf.sum(
            tf.add(
              v,
              withoutGradient(() => tf.exp(v)),
            ),
          ),
        )(x),
      );
    }
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
