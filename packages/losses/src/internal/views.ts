import * as tf from '@tensorflow/tfjs-core';
import { assertFloatRank, lossGuard, type LossGuard } from './validate';

/**
 * Checks a two-view batch `[N, 2, D]` (view 0 of sample n at `[n, 0]`) and returns the views
 * `[N, D]` each, with the guard to apply to the loss computed from them (see {@link lossGuard}: on
 * GPU backends a non-finite input turns the loss into NaN instead of throwing). `minBatch` is the
 * smallest N the method is defined for.
 */
export function twoViews(features: unknown, who: string, validate: boolean, minBatch = 1): [tf.Tensor2D, tf.Tensor2D, LossGuard] {
  const x = assertFloatRank(features, 3, '[N, 2, D]', 'features', who, '; pass the two views of each sample as [N, 2, D]');
  const [n, v, d] = x.shape;
  if (v !== 2) throw new Error(`${who}: features must hold exactly 2 views ([N, 2, D]), got shape [${x.shape.join(', ')}]`);
  if (n < minBatch) throw new Error(`${who}: needs a batch of at least ${minBatch} samples, got N = ${n}`);
  const guard = lossGuard(validate, [{ tensor: x, name: 'features', kind: 'finite' }], who);
  const [a, b] = tf.tidy(() => tf.unstack(x, 1).map((view) => tf.reshape(view, [n, d])) as tf.Tensor2D[]);
  return [a, b, guard];
}

/** Throws when a self-supervised two-view loss is given labels or a mask, which it would ignore. */
export function rejectTarget(target: unknown, who: string): void {
  const t = target as { labels?: unknown; mask?: unknown } | undefined;
  if (t && (t.labels !== undefined || t.mask !== undefined)) {
    throw new Error(
      `${who}: this self-supervised loss uses no labels or mask (the positives are the two views of each sample); ` +
        'train it with supervised: false',
    );
  }
}
