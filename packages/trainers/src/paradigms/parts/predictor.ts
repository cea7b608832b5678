import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { pluginRefSchema, type PluginRef, type PluginResolver } from '@contrastive/core';
import type { WeightLike } from '@contrastive/core';
import { asVariable } from '../../trainers/model-weights';

/** The predictor is any `head` plugin, built D -> D; its `inputDim`/`outputDim` come from the model. */
export const predictorRefSchema = pluginRefSchema.describe("a 'head' plugin mapping embeddings D -> D (inputDim and outputDim are set from the model)");

/**
 * BYOL's and SimSiam's predictor q: a small MLP on the online projection, trained with the model.
 * Built from a `head` plugin (the `mlp` head: Linear - ReLU - Linear, L2-normalised, which the
 * negative cosine loss does not mind since it is scale invariant).
 */
export class Predictor {
  private readonly network: tfl.LayersModel;

  constructor(registry: PluginResolver, ref: PluginRef, embeddingDim: number, seed: number) {
    this.network = registry.create(
      'head',
      { id: ref.id, options: { seed: `${seed}/predictor`, ...ref.options, inputDim: embeddingDim, outputDim: embeddingDim } },
      'trainer.options.predictor',
    );
  }

  /** `[B, V, D]` -> `[B, V, D]`, one pass over the `B * V` rows. */
  apply(embeddings: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => {
      const [batch, views, dim] = embeddings.shape;
      const flat = tf.reshape(embeddings, [batch * views, dim]);
      const out = this.network.apply(flat, { training: true }) as tf.Tensor2D;
      return tf.reshape(out, [batch, views, out.shape[1]]) as tf.Tensor3D;
    });
  }

  /** The predictor's weights, updated with the model's. */
  get trainableVariables(): tf.Variable[] {
    return this.network.trainableWeights.map(asVariable);
  }

  /** Every weight (batch-norm statistics included), for checkpoints. */
  get weights(): WeightLike[] {
    return this.network.weights;
  }

  /** Frees the predictor. */
  dispose(): void {
    this.network.dispose();
  }
}
