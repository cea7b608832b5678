import * as tf from '@tensorflow/tfjs-core';

/**
 * A new tensor equal to the first `keep` rows of `base` (`[M, ...]`) with row `slots[k]`
 * replaced by `rows[k]` (slots at or past `keep` are dropped; when a slot repeats, the last row
 * wins).
 *
 * Built as one gather from `concat([base[:keep], rows])`, so it never aliases `base`. (tfjs
 * 4.22's CPU `tensorScatterUpdate` kernel writes into its input's buffer, which would corrupt a
 * memory variable; `scatterND` + `where` would cost two full passes.)
 */
export function overwriteRows<T extends tf.Tensor>(base: T, slots: Int32Array, rows: tf.Tensor, keep = base.shape[0]): T {
  const size = base.shape[0];
  if (keep < 0 || keep > size) throw new Error(`overwriteRows: keep must be in [0, ${size}], got ${keep}`);
  const source = new Int32Array(keep);
  for (let r = 0; r < keep; r++) source[r] = r;
  slots.forEach((slot, k) => {
    if (slot < 0 || slot >= size) throw new Error(`overwriteRows: slot ${slot} is outside [0, ${size})`);
    if (slot < keep) source[slot] = keep + k;
  });
  return tf.tidy(() => {
    const head = keep === size ? base : tf.slice(base, 0, keep);
    return tf.gather(tf.concat([head, rows], 0), tf.tensor1d(source, 'int32'));
  }) as T;
}
