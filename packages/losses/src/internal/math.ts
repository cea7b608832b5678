import * as tf from '@tensorflow/tfjs-core';

/** Offset that removes an entry from a max / log-sum-exp while keeping every value finite. */
export const MASK_OFFSET = 1e9;

/**
 * Row-wise L2 normalisation `x / max(||x||, 1e-12)` (PyTorch's F.normalize) written so the
 * gradient is finite at the zero vector.
 */
export function l2Normalize(x: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), 1, true), 1e-24)));
}

/** `(mask - 1) * MASK_OFFSET`: 0 where `mask` is 1, -1e9 where it is 0 (adds to logits). */
export function maskBias(mask: tf.Tensor): tf.Tensor {
  return tf.mul(tf.sub(mask, 1), MASK_OFFSET);
}

/**
 * Row-wise log-sum-exp of `logits + bias` (bias from {@link maskBias}) with the row max subtracted.
 * A row whose mask is empty gives a finite value near -1e9 (never -Infinity, never NaN); callers
 * weight such rows out.
 */
export function maskedLogSumExp(logits: tf.Tensor2D, bias: tf.Tensor): tf.Tensor1D {
  const masked = tf.add(logits, bias);
  const rowMax = tf.max(masked, 1, true);
  const sum = tf.sum(tf.exp(tf.sub(masked, rowMax)), 1, true);
  return tf.reshape(tf.add(rowMax, tf.log(sum)), [-1]) as tf.Tensor1D;
}

/** `[n, m]` 0/1 float: 1 where `a[i] == b[j]`. */
export function equalityMask(a: tf.Tensor1D, b: tf.Tensor1D): tf.Tensor2D {
  const x = a.dtype === 'int32' ? a : tf.cast(a, 'int32');
  const y = b.dtype === 'int32' ? b : tf.cast(b, 'int32');
  return tf.cast(tf.equal(tf.reshape(x, [-1, 1]), tf.reshape(y, [1, -1])), 'float32') as tf.Tensor2D;
}

/** `[n, m]` 0/1 float, 1 at (i, index[i]); rows whose index is -1 (or out of range) are all 0. */
export function selfMask(index: Int32Array | number[], m: number): tf.Tensor2D {
  const idx = tf.tensor1d(Array.from(index), 'int32');
  return tf.cast(tf.oneHot(idx, m), 'float32') as tf.Tensor2D;
}

/** `[n, n]` identity-like self mask of the first n contrast rows of an `[n, m]` matrix. */
export function diagonalSelfMask(n: number, m: number): tf.Tensor2D {
  return tf.cast(tf.oneHot(tf.range(0, n, 1, 'int32') as tf.Tensor1D, m), 'float32') as tf.Tensor2D;
}
