import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Options of {@link Standardize}. */
export interface StandardizeArgs {
  /** Per-channel mean (last axis); one value applies to every channel. */
  mean: number[];
  /** Per-channel standard deviation, each > 0; one value applies to every channel. */
  std: number[];
  /** Layer name (unique in the model). */
  name?: string;
}

/**
 * `(x - mean[c]) / std[c]` over the last (channel) axis, as the first layer of an encoder: the model
 * then takes raw inputs (pixels in [0, 1]) everywhere, in training, evaluation and after saving,
 * and augmentations that pad (the random crop) pad raw pixels, as torchvision's `Normalize` placed
 * after the crop does. Registered with `tf.serialization.registerClass`.
 */
export class Standardize extends tfl.layers.Layer {
  /** Serialization name; stable across releases (saved models refer to it). */
  static className = 'ContrastiveStandardize';
  /** Per-feature means subtracted. */
  readonly mean: number[];
  /** Per-feature standard deviations divided by. */
  readonly std: number[];

  constructor(args: StandardizeArgs) {
    super({ name: args.name });
    const { mean, std } = args;
    if (!Array.isArray(mean) || mean.length === 0 || !mean.every(Number.isFinite)) {
      throw new Error(
        `Standardize: mean must be a non-empty array of finite numbers, got ${JSON.stringify(mean)}`,
      );
    }
    if (!Array.isArray(std) || std.length === 0 || !std.every((s) => Number.isFinite(s) && s > 0)) {
      throw new Error(
        `Standardize: std must be a non-empty array of numbers > 0, got ${JSON.stringify(std)}`,
      );
    }
    this.mean = [...mean];
    this.std = [...std];
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const channels = shape[shape.length - 1];
    for (const [name, values] of [
      ['mean', this.mean],
      ['std', this.std],
    ] as const) {
      if (values.length !== 1 && values.length !== channels) {
        throw new Error(
          `Standardize: ${name} has ${values.length} values but the input has ${channels} channels`,
        );
      }
    }
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.div(tf.sub(x, tf.tensor1d(this.mean)), tf.tensor1d(this.std));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mean: this.mean, std: this.std };
  }
}

tf.serialization.registerClass(Standardize);

/** A new {@link Standardize} layer. */
export function standardize(args: StandardizeArgs): Standardize {
  return new Standardize(args);
}
