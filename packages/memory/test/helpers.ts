import * as tf from '@tensorflow/tfjs-core';
import type { ReferenceLoss, ReferenceSet } from '@contrastive/losses';

/** What a {@link RecordingLoss} saw on its last call (host copies). */
export interface Recorded {
  queries: number[][];
  queryLabels: number[];
  reference: number[][];
  referenceLabels: number[];
  selfIndex?: number[];
}

/**
 * A stand-in ReferenceLoss for unit tests of the strategies' plumbing: records its inputs and
 * returns a differentiable scalar (sum over queries of the mean similarity to the reference).
 */
export class RecordingLoss implements ReferenceLoss {
  last: Recorded | undefined;
  calls = 0;

  compute(embeddings: tf.Tensor): tf.Scalar {
    this.calls++;
    return tf.tidy(() => tf.sum(tf.square(embeddings)) as tf.Scalar);
  }

  computeWithReference(queries: tf.Tensor2D, queryLabels: tf.Tensor1D, reference: ReferenceSet): tf.Scalar {
    this.calls++;
    this.last = {
      queries: queries.arraySync(),
      queryLabels: Array.from(queryLabels.dataSync()),
      reference: reference.embeddings.arraySync(),
      referenceLabels: Array.from(reference.labels.dataSync()),
      selfIndex: reference.selfIndex ? Array.from(reference.selfIndex) : undefined,
    };
    return tf.tidy(() => tf.sum(tf.matMul(queries, reference.embeddings, false, true)) as tf.Scalar);
  }
}

/** Random L2-normalised rows `[...shape, D]` from a seed. */
export function unitRows(shape: number[], seed: number): tf.Tensor {
  return tf.tidy(() => {
    const x = tf.randomNormal(shape, 0, 1, 'float32', seed);
    return tf.div(x, tf.norm(x, 'euclidean', -1, true));
  });
}

/** Runs `fn` `times` times and returns the live tensor counts after the first and the last run. */
export function tensorCounts(fn: () => void, times: number): { first: number; last: number } {
  fn();
  const first = tf.memory().numTensors;
  for (let i = 1; i < times; i++) fn();
  return { first, last: tf.memory().numTensors };
}

export function closeTo(actual: number, expected: number, relative: number): boolean {
  return Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected));
}
