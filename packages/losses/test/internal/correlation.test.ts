import { tf } from '../setup';
import { crossCorrelationSquaredSum } from '../../src/internal/correlation';

describe('crossCorrelationSquaredSum: ||a^T b||_F^2 through [D, D] or [N, N]', () => {
  it.each([
    [8, 3],
    [3, 8],
    [5, 5],
  ])('N=%i, D=%i: value and gradients equal the direct [D, D] form', (n, d) => {
    const a = tf.randomNormal([n, d], 0, 1, 'float32', 1) as tf.Tensor2D;
    const b = tf.randomNormal([n, d], 0, 1, 'float32', 2) as tf.Tensor2D;
    const direct = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, true, false))) as tf.Scalar;
    const grads = tf.grads((x: tf.Tensor, y: tf.Tensor) => crossCorrelationSquaredSum(x as tf.Tensor2D, y as tf.Tensor2D));
    const expectedGrads = tf.grads(direct);
    expect(crossCorrelationSquaredSum(a, b).dataSync()[0]).toBeCloseTo(direct(a, b).dataSync()[0], 3);
    const [ga, gb] = grads([a, b]);
    const [ea, eb] = expectedGrads([a, b]);
    for (const [got, want] of [[ga, ea], [gb, eb]]) {
      const w = want.dataSync();
      got.dataSync().forEach((g, i) => expect(g).toBeCloseTo(w[i], 3));
    }
    // the same tensor twice (VICReg's covariance)
    expect(crossCorrelationSquaredSum(a, a).dataSync()[0]).toBeCloseTo(direct(a, a).dataSync()[0], 3);
    tf.dispose([a, b, ga, gb, ea, eb]);
  });
});
