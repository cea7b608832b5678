import * as tf from '@tensorflow/tfjs-core';
import { gradientFor, SlottedOptimizer } from './optimizer';

export interface AdamOptions {
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
  /** Decoupled weight decay (AdamW) instead of L2 added to the gradient. */
  decoupled: boolean;
}

/** Adam / AdamW with bias correction, PyTorch semantics. */
export class AdamOptimizer extends SlottedOptimizer {
  readonly kind = 'adam';

  constructor(private readonly options: AdamOptions) {
    super();
  }

  applyGradients(variables: tf.Variable[], grads: tf.NamedTensorMap, learningRate: number): void {
    const { beta1, beta2, epsilon, weightDecay, decoupled } = this.options;
    const t = this.step + 1;
    const correction1 = 1 - beta1 ** t;
    const correction2 = 1 - beta2 ** t;
    tf.tidy(() => {
      for (const [position, variable] of variables.entries()) {
        const grad = gradientFor(grads, variable);
        if (!grad) continue;
        const g = weightDecay > 0 && !decoupled ? tf.add(grad, tf.mul(variable, weightDecay)) : grad;
        const m = this.slots.get(`${position}/m`, variable);
        const v = this.slots.get(`${position}/v`, variable);
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const denominator = tf.add(tf.sqrt(tf.div(v, correction2)), epsilon);
        let next = tf.sub(variable, tf.mul(tf.div(tf.div(m, correction1), denominator), learningRate));
        if (weightDecay > 0 && decoupled) next = tf.sub(next, tf.mul(variable, learningRate * weightDecay));
        variable.assign(next);
      }
    });
    this.step = t;
  }
}
