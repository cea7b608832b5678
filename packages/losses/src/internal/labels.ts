import * as tf from '@tensorflow/tfjs-core';
import type { LossTarget } from '../types';
import { assertFloatRank, assertLabels, lossGuard, type LossGuard } from './validate';

/**
 * Checks `[N, D]` embeddings and their required integer `labels` (no mask) for a loss on labelled
 * pairs; `hint` explains the call shape when `[B, V, D]` views are passed. Returns the guard to
 * apply to the loss computed from them ({@link lossGuard}: on GPU backends bad values turn the
 * loss into NaN instead of throwing). `classes` adds the loss's own shape checks and a value
 * check of the labels against its number of classes.
 */
export function labelledEmbeddings(
  embeddings: unknown,
  target: LossTarget | undefined,
  who: string,
  validate: boolean,
  classes?: { numClasses: number; checkShapes: (x: tf.Tensor2D, labels: tf.Tensor1D) => void },
): { x: tf.Tensor2D; labels: tf.Tensor1D; guard: LossGuard } {
  const hint = embeddings instanceof tf.Tensor && embeddings.rank === 3 ? '; flatten [B, V, D] views to [V*B, D] with labels repeated per view' : '';
  const x = assertFloatRank(embeddings, 2, '[N, D]', 'embeddings', who, hint) as tf.Tensor2D;
  if (target?.mask !== undefined) throw new Error(`${who}: target.mask is not supported; pass target.labels [${x.shape[0]}]`);
  if (target?.labels === undefined) throw new Error(`${who}: target.labels [${x.shape[0]}] (int32 class ids) is required`);
  const labels = assertLabels(target.labels, x.shape[0], 'target.labels', who);
  classes?.checkShapes(x, labels);
  const labelCheck = classes
    ? { tensor: labels, name: 'target.labels', kind: 'class-index' as const, classes: classes.numClasses }
    : { tensor: labels, name: 'target.labels', kind: 'integer' as const };
  const guard = lossGuard(validate, [{ tensor: x, name: 'embeddings', kind: 'finite' }, labelCheck], who);
  return { x, labels, guard };
}

/** `[N, N]` 0/1 masks of the ordered pairs (i, j), i != j: same label (`positive`) and different label (`negative`). */
export function pairMasks(labels: tf.Tensor1D): { positive: tf.Tensor2D; negative: tf.Tensor2D } {
  return tf.tidy(() => {
    const n = labels.shape[0];
    const x = tf.reshape(labels.dtype === 'float32' ? labels : tf.cast(labels, 'float32'), [-1, 1]);
    const same = tf.relu(tf.sub(1, tf.abs(tf.sub(x, tf.reshape(x, [1, -1]))))) as tf.Tensor2D;
    const positive = tf.mul(same, tf.sub(1, tf.eye(n))) as tf.Tensor2D;
    return { positive, negative: tf.sub(1, same) as tf.Tensor2D };
  });
}
