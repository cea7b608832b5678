import * as tf from '@tensorflow/tfjs-core';
import { gradientFor, isBiasOrNorm, SlottedOptimizer } from './optimizer';

export interface SgdOptions {
  momentum: number;
  weightDecay: number;
  nesterov: boolean;
  /** Apply weight decay to biases and normalisation parameters too (PyTorch's default is yes). */
  decayBiasAndNorm: boolean;
}

/**
 * SGD with momentum and coupled (L2) weight decay, PyTorch semantics:
 * `g' = g + wd·w; buf = μ·buf + g'; w -= lr·(nesterov ? g' + μ·buf : buf)`.
 */
export class SgdOptimizer extends SlottedOptimizer {
  readonly kind = 'sgd';

  constructor(private readonly options: SgdOptions) {
    super();
  }

  applyGradients(variables: tf.Variable[], grads: tf.NamedTensorMap, learningRate: number): void {
    const { momentum, weightDecay, nesterov, decayBiasAndNorm } = this.options;
    tf.tidy(() => {
      for (const [position, variable] of variables.entries()) {
        const grad = gradientFor(grads, variable);
        if (!grad) continue;
        const decay = weightDecay > 0 && (decayBiasAndNorm || !isBiasOrNorm(variable));
        const g = decay ? tf.add(grad, tf.mul(variable, weightDecay)) : grad;
        if (momentum === 0) {
          variable.assign(tf.sub(variable, tf.mul(g, learningRate)));
          continue;
        }
        const buffer = this.slots.get(String(position), variable);
        // The buffer starts at zero, so the first step sets it to g exactly as PyTorch does.
        const next = tf.add(tf.mul(buffer, momentum), g);
        buffer.assign(next);
        const update = nesterov ? tf.add(g, tf.mul(next, momentum)) : next;
        variable.assign(tf.sub(variable, tf.mul(update, learningRate)));
      }
    });
    this.step += 1;
  }
}
