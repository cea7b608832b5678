import * as tf from '@tensorflow/tfjs-core';

/**
 * `[B, V, D]` -> `[V*B, D]` view-major (row `v*B + i` is view v of sample i), SupContrast's
 * `cat(unbind(features, 1))` order. `[N, D]` is returned as a clone.
 */
export function flattenViews(embeddings: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    if (embeddings.rank === 2) return embeddings.clone() as tf.Tensor2D;
    const [b, v, d] = embeddings.shape;
    return tf.reshape(tf.transpose(embeddings, [1, 0, 2]), [v * b, d]) as tf.Tensor2D;
  });
}

/** Repeats per-sample labels `[B]` for V view-major rows -> `[V*B]` int32. */
export function tileLabels(labels: tf.Tensor1D, views: number): tf.Tensor1D {
  return tf.tidy(() => {
    const ints = labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32');
    return (views === 1 ? ints.clone() : tf.tile(ints, [views])) as tf.Tensor1D;
  });
}

/** Host-side `[V*B]` repetition of per-sample ids. */
export function tileIds(ids: Int32Array, views: number): Int32Array {
  const out = new Int32Array(ids.length * views);
  for (let v = 0; v < views; v++) out.set(ids, v * ids.length);
  return out;
}

/** View `v` of `[B, V, ...]` -> `[B, ...]`. */
export function selectView(views: tf.Tensor, v: number): tf.Tensor {
  return tf.tidy(() => {
    const begin = views.shape.map((_, axis) => (axis === 1 ? v : 0));
    const size = views.shape.map((s, axis) => (axis === 1 ? 1 : s));
    return tf.squeeze(tf.slice(views, begin, size), [1]);
  });
}
