import * as tf from '@tensorflow/tfjs-core';
import { matMulTransposed } from './matmul';

/**
 * `sum_ij ((a^T b)_ij)^2` for `a`, `b` `[N, D]` — the squared Frobenius norm of a `[D, D]`
 * cross-correlation — through whichever product is smaller: `a^T b` itself when D <= N, else the
 * identity `||a^T b||_F^2 = sum_ij (a a^T)_ij (b b^T)_ij` on `[N, N]` Gram matrices. With the wide
 * projectors of Barlow Twins and VICReg (D = 8192, N = 256) that is 32x less work and N^2 instead of
 * D^2 memory (a [8192, 8192] float32 matrix is 268 MB, several of which do not fit the wasm heap).
 */
export function crossCorrelationSquaredSum(a: tf.Tensor2D, b: tf.Tensor2D): tf.Scalar {
  const [n, d] = a.shape;
  if (d <= n) {
    const aT = tf.transpose(a) as tf.Tensor2D;
    const c = matMulTransposed(aT, a === b ? aT : (tf.transpose(b) as tf.Tensor2D));
    return tf.sum(tf.square(c));
  }
  const gramA = matMulTransposed(a, a);
  return a === b ? tf.sum(tf.square(gramA)) : tf.sum(tf.mul(gramA, matMulTransposed(b, b)));
}
