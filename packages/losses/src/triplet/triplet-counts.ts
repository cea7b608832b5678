import * as tf from '@tensorflow/tfjs-core';
import { withoutGradient } from '../internal/without-gradient';

/** Stands in for the entries a row's sort must ignore: beyond every distance plus margin. */
const OUTSIDE = 1e9;

/** Which triplets {@link tripletSums} adds up: every valid one, or those with `0 < d_an - d_ap <= margin`. */
export type TripletSelection = 'all' | 'semi-hard';

/**
 * Sum and count of the non-zero triplet losses `relu(d_ap - d_an + margin)` over the selected
 * triplets (a, p, n) — positive[a][p] = 1, negative[a][n] = 1 — in O(N^2) memory and
 * O(N^2 log N) time, without the `[N, N, N]` triplet tensor.
 *
 * A triplet's loss is linear in the distances where it is non-zero, so the sum is
 * `sum_{a,p} k_ap (d_ap + margin) - sum_{a,n} k'_an d_an`, where `k_ap` counts the negatives of
 * anchor a with a non-zero loss against p, and `k'_an` the positives with a non-zero loss against n.
 * Both counts come from each anchor's sorted negative (resp. positive) distances by binary search,
 * and are constants for differentiation (the loss is piecewise linear; its gradient is exactly these
 * counts), so the gradient flows through `d` only.
 */
export function tripletSums(
  d: tf.Tensor2D,
  positive: tf.Tensor2D,
  negative: tf.Tensor2D,
  margin: number,
  selection: TripletSelection,
): { sum: tf.Scalar; count: tf.Scalar } {
  const counts = withoutGradient(() => {
    const { perPositive, perNegative } = tripletCounts(d, positive, negative, margin, selection);
    return tf.stack([perPositive, perNegative]);
  });
  const [positiveCounts, negativeCounts] = tf.unstack(counts);
  const sum = tf.sub(tf.sum(tf.mul(positiveCounts, tf.add(d, margin))), tf.sum(tf.mul(negativeCounts, d))) as tf.Scalar;
  return { sum, count: tf.sum(positiveCounts) };
}

/**
 * `perPositive[a][p]`: number of negatives n of a with a non-zero selected triplet (a, p, n) (0 off the positives);
 * `perNegative[a][n]`: number of positives p of a with a non-zero selected triplet (a, p, n) (0 off the negatives).
 */
function tripletCounts(
  d: tf.Tensor2D,
  positive: tf.Tensor2D,
  negative: tf.Tensor2D,
  margin: number,
  selection: TripletSelection,
): { perPositive: tf.Tensor2D; perNegative: tf.Tensor2D } {
  return tf.tidy(() => {
    const n = d.shape[0];
    // Each anchor's negative distances ascending, the other entries moved past the end (+OUTSIDE);
    // its positive distances ascending, the others moved before the start (-OUTSIDE).
    const negatives = ascending(tf.add(tf.mul(d, negative), tf.mul(tf.sub(1, negative), OUTSIDE)) as tf.Tensor2D, n);
    const positives = ascending(tf.sub(tf.mul(d, positive), tf.mul(tf.sub(1, positive), OUTSIDE)) as tf.Tensor2D, n);
    const below = (sorted: tf.Tensor2D, values: tf.Tensor) => tf.cast(tf.searchSorted(sorted, values, 'left'), 'float32'); // # entries < value
    const atMost = (sorted: tf.Tensor2D, values: tf.Tensor) => tf.cast(tf.searchSorted(sorted, values, 'right'), 'float32'); // # entries <= value
    const upper = tf.add(d, margin); // loss > 0  <=>  d_an < d_ap + margin
    const lower = tf.sub(d, margin); //            <=>  d_ap > d_an - margin
    let perPositive: tf.Tensor;
    let perNegative: tf.Tensor;
    if (selection === 'all') {
      perPositive = below(negatives, upper);
      perNegative = tf.sub(n, atMost(positives, lower));
    } else {
      // semi-hard and non-zero: d_ap < d_an < d_ap + margin
      perPositive = tf.sub(below(negatives, upper), atMost(negatives, d));
      perNegative = tf.sub(below(positives, d), atMost(positives, lower));
    }
    return { perPositive: tf.mul(perPositive, positive) as tf.Tensor2D, perNegative: tf.mul(perNegative, negative) as tf.Tensor2D };
  });
}

/** Rows sorted ascending (`topk` of the negation: tfjs has no sort). */
function ascending(x: tf.Tensor2D, n: number): tf.Tensor2D {
  return tf.neg(tf.topk(tf.neg(x), n).values) as tf.Tensor2D;
}
