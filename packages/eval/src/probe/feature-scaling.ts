import * as tf from '@tensorflow/tfjs-core';

/** How a linear probe preprocesses features: per-dimension standardisation, row L2 normalisation, or none. */
export type FeatureScaling = 'standardise' | 'l2' | 'none';

/** A fitted feature preprocessing step; holds its statistics as tensors until disposed. */
export class FeatureScaler {
  private constructor(
    /** How features are scaled before the probe. */
    readonly scaling: FeatureScaling,
    private readonly mean: tf.Tensor1D | null,
    private readonly std: tf.Tensor1D | null,
  ) {}

  /** Fits the scaler on training features `[N, D]` (statistics over rows; population std, zero std -> 1). */
  static fit(features: tf.Tensor2D, scaling: FeatureScaling): FeatureScaler {
    if (scaling !== 'standardise') return new FeatureScaler(scaling, null, null);
    const [mean, std] = tf.tidy(() => {
      const { mean: m, variance } = tf.moments(features, 0);
      const s = tf.sqrt(variance);
      return [m as tf.Tensor1D, tf.where(tf.greater(s, 1e-12), s, tf.onesLike(s)) as tf.Tensor1D];
    });
    return new FeatureScaler(scaling, mean, std);
  }

  /** Applies the scaling (a new tensor; the input is not disposed). */
  transform(features: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      if (this.scaling === 'standardise')
        return tf.div(tf.sub(features, this.mean as tf.Tensor1D), this.std as tf.Tensor1D);
      if (this.scaling === 'l2') {
        const norm = tf.sqrt(tf.sum(tf.square(features), 1, true));
        return tf.div(features, tf.maximum(norm, 1e-12));
      }
      return tf.clone(features);
    });
  }

  /** Frees the scaling statistics. */
  dispose(): void {
    this.mean?.dispose();
    this.std?.dispose();
  }
}
