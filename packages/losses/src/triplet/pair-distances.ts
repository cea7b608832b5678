import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '../internal/math';
import { matMulTransposed } from '../internal/matmul';

/** Distance kinds of {@link TripletMarginLoss}. */
export type TripletDistance = 'euclidean' | 'cosine';

/**
 * `[N, N]` matrix where smaller means closer, from L2-normalised rows: the Euclidean distance
 * `sqrt(max(|a|^2 + |b|^2 - 2 a.b, 1e-12))` (finite gradient at 0), or, for `cosine`, the negated
 * cosine similarity (so `d_ap - d_an + margin` is pml's `s_an - s_ap + margin`).
 */
export function pairDistances(x: tf.Tensor2D, distance: TripletDistance): tf.Tensor2D {
  const z = l2Normalize(x);
  const similarity = matMulTransposed(z, z);
  if (distance === 'cosine') return tf.neg(similarity) as tf.Tensor2D;
  const squaredNorms = tf.sum(tf.square(z), 1);
  const squared = tf.sub(tf.add(tf.reshape(squaredNorms, [-1, 1]), tf.reshape(squaredNorms, [1, -1])), tf.mul(similarity, 2));
  return tf.sqrt(tf.maximum(squared, 1e-12)) as tf.Tensor2D;
}

/** 1 where `x > 0`, else 0, with a zero gradient (built from sign/relu, which tfjs can differentiate). */
export function positiveIndicator(x: tf.Tensor): tf.Tensor {
  return tf.relu(tf.sign(x));
}
