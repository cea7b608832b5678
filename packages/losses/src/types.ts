import type * as tf from '@tensorflow/tfjs-core';

/**
 * What a loss compares the embeddings against: integer class `labels` (`[B]`, positives = same
 * label) or an explicit `[B, B]` positive `mask` (`mask[i][j] = 1` when sample j is a positive of
 * anchor i; may be asymmetric). Give at most one of the two.
 */
export interface LossTarget {
  /** Integer class ids, one per sample: `[B]`. */
  labels?: tf.Tensor1D;
  /** Positive mask `[B, B]` of 0/1 values (SupCon only). */
  mask?: tf.Tensor2D;
}

/**
 * The uniform contract of every loss: a differentiable scalar from a batch of embeddings.
 * Implementations work inside `tf.tidy`, never dispose or mutate their inputs.
 */
export interface ContrastiveLoss {
  /**
   * True when the loss takes the views of a sample together, as `[B, V, D]` (SupCon, the two-view
   * losses); absent or false when it takes flat `[N, D]` rows. The in-batch strategy lays out the
   * batch by it.
   */
  readonly acceptsViews?: boolean;
  /**
   * Computes the loss.
   * @param embeddings `[N, D]` or, for multi-view losses (SupCon), `[B, V, D]`.
   * @param target labels or a positive mask; optional for self-supervised use.
   * @returns a scalar tensor, owned by the caller.
   */
  compute(embeddings: tf.Tensor, target?: LossTarget): tf.Scalar;
}

/**
 * An external contrast set for {@link ReferenceLoss.computeWithReference}: a memory queue,
 * a memory bank sample or MoCo keys.
 */
export interface ReferenceSet {
  /** Reference embeddings `[M, D]`. */
  embeddings: tf.Tensor2D;
  /** Their integer labels `[M]`. */
  labels: tf.Tensor1D;
  /**
   * Length N (one per query): the reference row that IS query i, excluded from i's pairs,
   * or -1 when none is.
   */
  selfIndex?: Int32Array;
}

/**
 * A loss that can score queries (anchors) against an external reference set (pytorch-metric-learning's
 * `ref_emb` semantics): positives of query i are the reference rows with the same label, negatives
 * the others, and the self pair given by `selfIndex` is removed.
 */
export interface ReferenceLoss extends ContrastiveLoss {
  /**
   * @param queries anchors `[N, D]`.
   * @param queryLabels their integer labels `[N]`.
   * @param reference the contrast set.
   * @returns a scalar tensor, owned by the caller.
   */
  computeWithReference(queries: tf.Tensor2D, queryLabels: tf.Tensor1D, reference: ReferenceSet): tf.Scalar;
}
