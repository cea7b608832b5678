import type * as tf from '@tensorflow/tfjs-core';
import type { ReferenceSet } from '../types';
import { assertFloatRank, assertLabels, lossGuard, type LossGuard } from './validate';

/** Validates the arguments of a `computeWithReference` call (shared by the reference losses). */
export function checkReferenceInputs(
  queries: tf.Tensor2D,
  queryLabels: tf.Tensor1D,
  reference: ReferenceSet,
  who: string,
  validate: boolean,
): { q: tf.Tensor2D; r: ReferenceSet; guard: LossGuard } {
  const q = assertFloatRank(queries, 2, '[N, D]', 'queries', who, '; [B, V, D] views must be flattened to [V*B, D]') as tf.Tensor2D;
  assertLabels(queryLabels, q.shape[0], 'queryLabels', who);
  if (typeof reference !== 'object' || reference === null) throw new Error(`${who}: reference must be { embeddings, labels, selfIndex? }`);
  const e = assertFloatRank(reference.embeddings, 2, '[M, D]', 'reference.embeddings', who) as tf.Tensor2D;
  if (e.shape[1] !== q.shape[1]) {
    throw new Error(`${who}: reference.embeddings has dimension ${e.shape[1]} but queries have ${q.shape[1]} (expected [M, ${q.shape[1]}])`);
  }
  assertLabels(reference.labels, e.shape[0], 'reference.labels', who);
  const s = reference.selfIndex;
  if (s !== undefined) {
    if (!(s instanceof Int32Array) || s.length !== q.shape[0]) {
      throw new Error(`${who}: reference.selfIndex must be an Int32Array of length ${q.shape[0]} (one per query), got ${s instanceof Int32Array ? `length ${s.length}` : typeof s}`);
    }
    for (let i = 0; i < s.length; i++) {
      if (s[i] < -1 || s[i] >= e.shape[0]) {
        throw new Error(`${who}: reference.selfIndex[${i}] = ${s[i]} is out of range [-1, ${e.shape[0] - 1}]`);
      }
    }
  }
  const guard = lossGuard(
    validate,
    [
      { tensor: q, name: 'queries', kind: 'finite' },
      { tensor: queryLabels, name: 'queryLabels', kind: 'integer' },
      { tensor: e, name: 'reference.embeddings', kind: 'finite' },
      { tensor: reference.labels, name: 'reference.labels', kind: 'integer' },
    ],
    who,
  );
  return { q, r: reference, guard };
}
