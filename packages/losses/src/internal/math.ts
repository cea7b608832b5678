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

/**
 * `[n, m]` 0/1 float: 1 where `a[i] == b[j]`, for integer-valued labels (exact up to 2^24),
 * computed as `relu(1 - |a_i - b_j|)`: broadcasting `equal` is very slow on tfjs-backend-wasm 4.22.
 */
export function equalityMask(a: tf.Tensor1D, b: tf.Tensor1D): tf.Tensor2D {
  const x = tf.reshape(a.dtype === 'float32' ? a : tf.cast(a, 'float32'), [-1, 1]);
  const y = tf.reshape(b.dtype === 'float32' ? b : tf.cast(b, 'float32'), [1, -1]);
  return tf.relu(tf.sub(1, tf.abs(tf.sub(x, y)))) as tf.Tensor2D;
}

/** `[n, m]` float, `on` at (i, index[i]) and 0 elsewhere; rows whose index is -1 are all 0 (one `oneHot`). */
export function indexMask(index: tf.Tensor1D, m: number, on = 1): tf.Tensor2D {
  const ids = index.dtype === 'int32' ? index : tf.cast(index, 'int32');
  if (m < 2) return tf.mul(tf.reshape(tf.cast(tf.equal(ids, 0), 'float32'), [-1, 1]), on) as tf.Tensor2D; // oneHot needs depth >= 2
  // An int32 one-hot, then scaled: tfjs-backend-wasm's OneHot writes int32 values whatever dtype
  // is asked for, so a float32 one-hot would read back as ~1e-45 there (without @contrastive/backend's fix).
  const hot = tf.cast(tf.oneHot(ids, m), 'float32');
  return (on === 1 ? hot : tf.mul(hot, on)) as tf.Tensor2D;
}

/** `[rows * r, cols * c]` repetition of `[r, c]` `x` by concatenation (`tile` is slow on wasm). */
export function repeatMatrix(x: tf.Tensor2D, rows: number, cols: number): tf.Tensor2D {
  const wide = cols === 1 ? x : tf.concat(Array.from({ length: cols }, () => x), 1);
  return (rows === 1 ? wide : tf.concat(Array.from({ length: rows }, () => wide), 0)) as tf.Tensor2D;
}
