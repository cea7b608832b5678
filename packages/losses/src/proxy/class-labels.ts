import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom } from '@contrastive/core';
import type { LossTarget } from '../types';
import { labelledEmbeddings } from '../internal/labels';
import type { LossGuard } from '../internal/validate';

/**
 * Checks `[N, D]` embeddings (D = `embeddingSize`) and int32 labels in `[0, numClasses)` for a
 * loss with one parameter vector per class; the range check is part of `validate`'s single check.
 */
export function classLabelledEmbeddings(
  embeddings: unknown,
  target: LossTarget | undefined,
  sizes: { numClasses: number; embeddingSize: number },
  who: string,
  validate: boolean,
): { x: tf.Tensor2D; labels: tf.Tensor1D; guard: LossGuard } {
  return labelledEmbeddings(embeddings, target, who, validate, {
    numClasses: sizes.numClasses,
    checkShapes: (x, labels) => {
      if (x.shape[1] !== sizes.embeddingSize) {
        throw new Error(`${who}: embeddings must have embeddingSize = ${sizes.embeddingSize} features, got shape [${x.shape.join(', ')}]`);
      }
      if (labels.dtype !== 'int32') throw new Error(`${who}: target.labels must have dtype int32 (class ids in [0, ${sizes.numClasses})), got ${labels.dtype}`);
    },
  });
}

/**
 * A trainable `[rows, cols]` variable from `initial` (taken over), or drawn from N(0, std^2) with
 * `seed`. Its name is tfjs' unique default, so several losses can live side by side.
 */
export function classParameters(initial: tf.Tensor | undefined, shape: [number, number], std: number, seed: number): tf.Variable {
  // The project's RNG, not tfjs' seeded randomNormal, which treats seed 0 as "no seed".
  const random = new SeededRandom(seed);
  const value = initial ?? tf.tensor2d(Float32Array.from({ length: shape[0] * shape[1] }, () => random.normal(0, std)), shape);
  const variable = tf.variable(value, true);
  value.dispose();
  return variable;
}

/** `[C, N]` 0/1: 1 where sample n has class c (a constant). */
export function classMembership(labels: tf.Tensor1D, numClasses: number): tf.Tensor2D {
  return tf.tidy(() => {
    // oneHot needs a depth >= 2; and tfjs-backend-wasm's OneHot writes int32 whatever dtype is asked for.
    const hot = tf.cast(tf.oneHot(labels, Math.max(numClasses, 2)), 'float32');
    return tf.slice(tf.transpose(hot), [0, 0], [numClasses, -1]) as tf.Tensor2D;
  });
}
