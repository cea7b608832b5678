import { tf, maxRelativeError } from '../setup';
import { matMulTransposed } from '../../src/internal/matmul';

describe('matMulTransposed', () => {
  const a = tf.randomNormal([5, 3], 0, 1, 'float32', 1) as tf.Tensor2D;
  const b = tf.randomNormal([4, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
  const weights = tf.randomNormal([5, 4], 0, 1, 'float32', 3);
  const selfWeights = tf.randomNormal([5, 5], 0, 1, 'float32', 4);

  it('equals a . b^T with the gradient of tfjs matMul', () => {
    expect(maxRelativeError(matMulTransposed(a, b).dataSync(), tf.matMul(a, b, false, true).dataSync(), 1)).toBeLessThan(1e-6);
    const ours = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(matMulTransposed(x as tf.Tensor2D, y as tf.Tensor2D), weights)))([a, b]);
    const theirs = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, false, true), weights)))([a, b]);
    ours.forEach((g, i) => expect(maxRelativeError(g.dataSync(), theirs[i].dataSync(), 1)).toBeLessThan(1e-5));
  });

  it('a . a^T (same tensor) sums both gradient paths', () => {
    const ours = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(matMulTransposed(x as tf.Tensor2D, x as tf.Tensor2D), selfWeights)))(a);
    const theirs = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, x, false, true), selfWeights)))(a);
    expect(maxRelativeError(ours.dataSync(), theirs.dataSync(), 1)).toBeLessThan(1e-5);
  });
});
