import * as tf from '@tensorflow/tfjs-core';

/**
 * The contents of a ring buffer `base` (`[S, ...]`) after writing `rows` (`[n, ...]`, n <= S) at
 * slots `(pointer + k) mod S`, truncated to its first `keep` rows (the valid prefix before the
 * buffer has wrapped once; `keep = S` afterwards). A new tensor, built from at most three
 * contiguous pieces with `slice` + `concat`, so it never aliases `base` and costs one copy:
 *
 * - no wrap (`pointer + n <= S`): `[base[0:p], rows, base[p+n:keep]]`
 * - wrap: `[rows[h:n], base[n-h:p], rows[0:h]]` with `h = S - p` rows before the end.
 *
 * (tfjs 4.22's CPU `tensorScatterUpdate` writes into its input's buffer, and its `gather` costs
 * microseconds per element; contiguous slices are what a ring buffer needs anyway.)
 */
export function ringWrite<T extends tf.Tensor>(base: T, pointer: number, rows: tf.Tensor, keep: number): T {
  const size = base.shape[0];
  const n = rows.shape[0];
  if (n > size) throw new Error(`ringWrite: cannot write ${n} rows into a buffer of ${size}`);
  if (!Number.isInteger(pointer) || pointer < 0 || pointer >= size) {
    throw new Error(`ringWrite: pointer must be an integer in [0, ${size}), got ${pointer}`);
  }
  const wraps = pointer + n > size;
  const minimum = wraps ? size : pointer + n;
  if (keep < minimum || keep > size)
    throw new Error(`ringWrite: keep must be in [${minimum}, ${size}], got ${keep}`);
  return tf.tidy(() => {
    const rowsOf = (t: tf.Tensor, begin: number, end: number): tf.Tensor | undefined =>
      end > begin ? tf.slice(t, begin, end - begin) : undefined;
    const pieces = wraps
      ? [
          rowsOf(rows, size - pointer, n),
          rowsOf(base, n - (size - pointer), pointer),
          rowsOf(rows, 0, size - pointer),
        ]
      : [rowsOf(base, 0, pointer), rows, rowsOf(base, pointer + n, keep)];
    const present = pieces.filter((piece): piece is tf.Tensor => piece !== undefined);
    return present.length === 1 ? tf.clone(present[0]) : tf.concat(present, 0);
  }) as T;
}
