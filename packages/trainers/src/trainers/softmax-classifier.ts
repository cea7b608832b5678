import * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '@contrastive/core';

/** A linear layer `features -> logits` on plain variables (Glorot-uniform weights, zero bias). */
export class SoftmaxClassifier {
  /** `[inputDim, numClasses]` weights. */
  readonly kernel: tf.Variable;
  /** `[numClasses]` biases. */
  readonly bias: tf.Variable;

  constructor(inputDim: number, numClasses: number, rng: SeededRandom) {
    const limit = Math.sqrt(6 / (inputDim + numClasses));
    // tidy frees the initial values; the variables keep their data.
    [this.kernel, this.bias] = tf.tidy(() => [
      tf.variable(tf.randomUniform([inputDim, numClasses], -limit, limit, 'float32', rng.nextSeed())),
      tf.variable(tf.zeros([numClasses])),
    ]);
  }

  /** `[B, numClasses]` logits of `[B, inputDim]` features. */
  logits(features: tf.Tensor): tf.Tensor2D {
    return tf.add(tf.matMul(features as tf.Tensor2D, this.kernel), this.bias) as tf.Tensor2D;
  }

  /** The trained variables (kernel and bias). */
  get variables(): tf.Variable[] {
    return [this.kernel, this.bias];
  }

  /** Frees the variables. */
  dispose(): void {
    this.kernel.dispose();
    this.bias.dispose();
  }
}

/** Mean softmax cross-entropy of integer labels, via logSoftmax (stable for large logits). */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  const numClasses = logits.shape[1];
  const oneHot = tf.oneHot(tf.cast(labels, 'int32'), numClasses);
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
}
