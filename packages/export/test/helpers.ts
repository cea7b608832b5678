import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { PluginRegistry, type PluginRef } from '@contrastive/core';
import { buildContrastiveModel, encodersModule, type ContrastiveModel } from '@contrastive/encoders';

/** Selects the cpu backend for a test file. */
export function useCpu(): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
}

const registry = new PluginRegistry().load(encodersModule);

/**
 * A model from the built-in plugins whose batch-norm layers hold non-trivial statistics and
 * affine weights (fresh ones are mean 0, variance 1, gamma 1, beta 0, which would hide a
 * mistake in how inference-form batch norm is exported).
 */
export function buildModel(
  encoder: PluginRef | string,
  head: PluginRef | string,
  inputShape: number[],
  seed = 3,
): ContrastiveModel {
  const model = buildContrastiveModel(registry, { encoder, head, inputShape, seed });
  let k = 0;
  for (const w of model.weights) {
    const name = w.originalName;
    const shape = w.shape as number[];
    const value = name.endsWith('/moving_variance')
      ? tf.randomUniform(shape, 0.5, 2, 'float32', 100 + k++)
      : name.endsWith('/moving_mean') || name.endsWith('/beta') || name.endsWith('/bias')
        ? tf.randomNormal(shape, 0, 0.3, 'float32', 100 + k++)
        : name.endsWith('/gamma')
          ? tf.randomUniform(shape, 0.5, 1.5, 'float32', 100 + k++)
          : null;
    if (value) {
      w.write(value);
      value.dispose();
    }
  }
  return model;
}

/** Seeded uniform batch in [0, 1) as a flat array (NHWC for images, as tfjs takes it). */
export function randomBatch(batch: number, exampleShape: number[], seed = 1): Float32Array {
  return tf
    .tidy(() => tf.randomUniform([batch, ...exampleShape], 0, 1, 'float32', seed).dataSync() as Float32Array)
    .slice();
}

/** tfjs features and embeddings of a flat NHWC batch, inference mode. */
export function tfjsOutputs(
  model: ContrastiveModel,
  x: Float32Array,
): { features: Float32Array; embeddings: Float32Array } {
  const batch = x.length / model.inputShape.reduce((a, b) => a * b, 1);
  return tf.tidy(() => {
    const input = tf.tensor(x, [batch, ...model.inputShape]);
    return {
      features: model.features(input).dataSync() as Float32Array,
      embeddings: model.embed(input).dataSync() as Float32Array,
    };
  });
}

/** `[B, H, W, C]` -> `[B, C, H, W]` of a flat array. */
export function nhwcToNchw(x: Float32Array, exampleShape: number[]): Float32Array {
  if (exampleShape.length !== 3) return x;
  const [h, w, c] = exampleShape;
  const out = new Float32Array(x.length);
  const size = h * w * c;
  for (let b = 0; b < x.length / size; b++) {
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let k = 0; k < c; k++) out[b * size + k * h * w + i * w + j] = x[b * size + (i * w + j) * c + k];
  }
  return out;
}

/** Largest |a[i] - b[i]|; throws when lengths differ. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff: lengths differ (${a.length} vs ${b.length})`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
