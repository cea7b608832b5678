import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Options of {@link L2Normalize}. */
export interface L2NormalizeArgs {
  /** Lower bound of the norm (PyTorch's `F.normalize` eps), so a zero row stays finite. Default 1e-12. */
  epsilon?: number;
  /** Layer name (unique in the model). */
  name?: string;
}

/**
 * Divides each row of `[B, D]` by its L2 norm: `x / max(||x||, epsilon)` (PyTorch's `F.normalize`).
 * Registered with `tf.serialization.registerClass`, so models containing it save and load.
 */
export class L2Normalize extends tfl.layers.Layer {
  /** Serialization name; stable across releases (saved models refer to it). */
  static className = 'ContrastiveL2Normalize';
  /** Lower bound of the norm divided by, so a zero row stays finite. */
  readonly epsilon: number;

  constructor(args: L2NormalizeArgs = {}) {
    super({ name: args.name });
    this.epsilon = args.epsilon ?? 1e-12;
    if (!(this.epsilon > 0)) throw new Error(`L2Normalize: epsilon must be > 0, got ${args.epsilon}`);
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const squared = tf.sum(tf.square(x), -1, true);
      return tf.mul(x, tf.rsqrt(tf.maximum(squared, this.epsilon * this.epsilon)));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}

tf.serialization.registerClass(L2Normalize);

/** A new {@link L2Normalize} layer. */
export function l2Normalize(args: L2NormalizeArgs = {}): L2Normalize {
  return new L2Normalize(args);
}
