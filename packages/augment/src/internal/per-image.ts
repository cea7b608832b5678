import * as tf from '@tensorflow/tfjs-core';

/**
 * Expands per-image values `[B, 1, K]` to `[B, N, K]` so they can be combined element-wise with a `[B, N, K]`
 * batch. On the `cpu` backend broadcasting binary ops take a slow generic path (one index computation per
 * element, ~30x slower than same-shape ops), so the expansion is done by a batched outer product with ones
 * (a fast matMul); other backends broadcast natively and get the small tensor back unchanged.
 */
export function expandRows(values: tf.Tensor3D, rows: number): tf.Tensor3D {
  if (tf.getBackend() !== 'cpu' || rows === 1) return values;
  const [batch] = values.shape;
  return tf.matMul(tf.ones([batch, rows, 1]), values);
}

/**
 * Per-image scalars `values[b]` as a tensor that combines element-wise with `batch` of shape `[B, ...]`
 * (full-size on cpu, `[B, 1, ..., 1]` elsewhere; see {@link expandRows}).
 */
export function perImageScalar(values: ArrayLike<number>, batchShape: readonly number[]): tf.Tensor {
  const [batch, ...rest] = batchShape;
  const size = rest.reduce((a, b) => a * b, 1);
  const small = tf.tensor3d(Float32Array.from(values), [batch, 1, 1]);
  if (tf.getBackend() !== 'cpu') return tf.reshape(small, [batch, ...rest.map(() => 1)]);
  return tf.reshape(expandRows(small, size), batchShape as number[]);
}

/** Per-image Bernoulli(p) draws, in image order. */
export function drawMask(rng: { next(): number }, batch: number, p: number): boolean[] {
  const mask = new Array<boolean>(batch);
  for (let i = 0; i < batch; i++) mask[i] = rng.next() < p;
  return mask;
}
