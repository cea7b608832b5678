import * as tf from '@tensorflow/tfjs-core';
import { classPlugin, withOptions, z } from '@contrastive/core';
import type { LossTarget, ReferenceLoss, ReferenceSet } from '../types';
import { equalityMask, indexMask, l2Normalize } from '../internal/math';
import { validateOption } from '../internal/options';
import { assertFloatRank, assertLabels, lossGuard } from '../internal/validate';
import { checkReferenceInputs } from '../internal/reference';
import { ntXentCore } from './ntxent-core';

/** Options of {@link NTXentLoss} and the `ntxent` plugin. */
export const ntXentOptionsSchema = z
  .object({ temperature: z.number().positive().default(0.07).describe('softmax temperature tau (> 0)'), validate: validateOption })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type NTXentLossOptions = z.input<typeof ntXentOptionsSchema>;

/** Options of {@link NTXentLoss.computePairs}. */
export interface NTXentPairsOptions {
  /**
   * true (default): SimCLR's symmetric form, `compute` on the 2N rows `concat([e, r])` with labels
   * `[0..N-1, 0..N-1]`; false: only `e` rows are anchors, scored against `r` (pml `ref_emb`).
   */
  symmetric?: boolean;
}

/**
 * Normalised temperature-scaled cross-entropy (SimCLR's NT-Xent), pytorch-metric-learning's
 * `NTXentLoss`: cosine similarity, each positive pair its own term, mean over positive pairs.
 *
 * @example
 * ```ts
 * const ntxent = new NTXentLoss({ temperature: 0.5 });
 * const supervised = ntxent.compute(embeddings, { labels }); // [N, D], [N]
 * const simclr = ntxent.computePairs(view1, view2);          // [N, D] each
 * ```
 */
export class NTXentLoss extends withOptions(ntXentOptionsSchema, { kind: 'loss', id: 'ntxent' }) implements ReferenceLoss {
  /**
   * @param embeddings `[N, D]` float32 (need not be normalised).
   * @param target `labels` `[N]` integer ids (required): positives share a label.
   * @returns mean over positive pairs; 0 when there is no positive pair (e.g. N = 1).
   */
  compute(embeddings: tf.Tensor, target?: LossTarget): tf.Scalar {
    const who = 'NTXentLoss.compute';
    const x = assertFloatRank(embeddings, 2, '[N, D]', 'embeddings', who, rank3Hint(embeddings));
    if (target?.mask !== undefined) throw new Error(`${who}: target.mask is not supported; pass target.labels [${x.shape[0]}]`);
    if (target?.labels === undefined) {
      throw new Error(`${who}: target.labels [${x.shape[0]}] is required (use computePairs(view1, view2) for unlabelled pairs)`);
    }
    const labels = assertLabels(target.labels, x.shape[0], 'target.labels', who);
    const guard = lossGuard(this.validate, [{ tensor: x, name: 'embeddings', kind: 'finite' }, { tensor: labels, name: 'target.labels', kind: 'integer' }], who);
    return tf.tidy(() => {
      const n = x.shape[0];
      const z = l2Normalize(x as tf.Tensor2D);
      const same = equalityMask(labels, labels);
      const positive = tf.relu(tf.sub(same, indexMask(tf.range(0, n, 1, 'int32') as tf.Tensor1D, n))) as tf.Tensor2D;
      return guard(ntXentCore(z, z, positive, tf.sub(1, same) as tf.Tensor2D, this.temperature));
    });
  }

  /**
   * Self-supervised pairs: row i of `embeddings` and row i of `refEmbeddings` are two views of one
   * sample; every other row is a negative.
   * @param embeddings `[N, D]` first views.
   * @param refEmbeddings `[N, D]` second views.
   */
  computePairs(embeddings: tf.Tensor2D, refEmbeddings: tf.Tensor2D, options: NTXentPairsOptions = {}): tf.Scalar {
    const who = 'NTXentLoss.computePairs';
    const e = assertFloatRank(embeddings, 2, '[N, D]', 'embeddings', who, rank3Hint(embeddings));
    const r = assertFloatRank(refEmbeddings, 2, '[N, D]', 'refEmbeddings', who, rank3Hint(refEmbeddings));
    if (e.shape[0] !== r.shape[0] || e.shape[1] !== r.shape[1]) {
      throw new Error(`${who}: refEmbeddings must have the shape of embeddings [${e.shape.join(', ')}], got [${r.shape.join(', ')}]`);
    }
    const symmetric = options.symmetric ?? true;
    if (typeof symmetric !== 'boolean') throw new Error(`${who}: options.symmetric must be a boolean, got ${typeof symmetric}`);
    const n = e.shape[0];
    const ids = tf.range(0, n, 1, 'int32') as tf.Tensor1D;
    try {
      if (!symmetric) return this.computeWithReference(e as tf.Tensor2D, ids, { embeddings: r as tf.Tensor2D, labels: ids });
      const both = tf.concat([e, r], 0);
      const labels = tf.concat([ids, ids]) as tf.Tensor1D;
      try {
        return this.compute(both, { labels });
      } finally {
        tf.dispose([both, labels]);
      }
    } finally {
      ids.dispose();
    }
  }

  /**
   * pml `ref_emb` semantics: `queries` are the anchors, reference rows with the same label their
   * positives, the others negatives; `selfIndex[i]` (the row that is query i) is removed.
   */
  computeWithReference(queries: tf.Tensor2D, queryLabels: tf.Tensor1D, reference: ReferenceSet): tf.Scalar {
    const { q, r, guard } = checkReferenceInputs(queries, queryLabels, reference, 'NTXentLoss.computeWithReference', this.validate);
    return tf.tidy(() => {
      const m = r.embeddings.shape[0];
      const same = equalityMask(queryLabels, r.labels);
      const keep = r.selfIndex ? tf.sub(1, indexMask(tf.tensor1d(r.selfIndex, 'int32'), m)) : null;
      const positive = (keep ? tf.mul(same, keep) : same) as tf.Tensor2D;
      const different = tf.sub(1, same);
      const negative = (keep ? tf.mul(different, keep) : different) as tf.Tensor2D;
      return guard(ntXentCore(l2Normalize(q), l2Normalize(r.embeddings), positive, negative, this.temperature));
    });
  }
}

function rank3Hint(x: unknown): string {
  return x instanceof tf.Tensor && x.rank === 3
    ? '; this looks like [B, V, D] views: flatten them view-major to [V*B, D] with labels repeated per view, or use SupConLoss'
    : '';
}

/** `ntxent`: pytorch-metric-learning's NT-Xent (each positive pair its own term). */
export const ntXentPlugin = classPlugin('loss', 'ntxent', ntXentOptionsSchema, NTXentLoss, {
  description:
    "NT-Xent (SimCLR; pytorch-metric-learning's NTXentLoss): cosine similarity, mean over positive pairs",
});
