import * as tf from '@tensorflow/tfjs-core';
import { registerTrainingKernels } from '@contrastive/backend';
import { createSmallCnn } from '../../src/encoders/small-cnn';
import { createMlpHead } from '../../src/heads/mlp-head';
import { ContrastiveModel } from '../../src/model/contrastive-model';
import { randomInput, useCpu } from '../helpers';

useCpu();
// The project's composed Conv2D gradient kernels: tfjs-backend-cpu's own Conv2DBackpropFilter is very slow.
beforeAll(() => registerTrainingKernels('cpu'));

/**
 * A minimal NT-Xent (SimCLR) loss over embeddings `[B, 2, D]` (unit rows), written here so the
 * test depends on no other package: each view's positive is the other view of its example.
 */
function ntXent(z: tf.Tensor, temperature = 0.5): tf.Scalar {
  return tf.tidy(() => {
    const [batch, views, dim] = z.shape;
    const n = batch * views;
    const flat = tf.reshape(z, [n, dim]);
    const logits = tf.div(tf.matMul(flat, flat, false, true), temperature);
    const selfMask = tf.mul(tf.eye(n), -1e9);
    const masked = tf.add(logits, selfMask);
    // Row i = example floor(i / 2), view i % 2; its positive is i ^ 1.
    const positives = tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => i ^ 1), 'int32'), n);
    const logProb = tf.sub(masked, tf.logSumExp(masked, 1, true));
    return tf.neg(tf.mean(tf.sum(tf.mul(positives, logProb), 1))) as tf.Scalar;
  });
}

describe('small-cnn + mlp head training', () => {
  it('gets gradients for every trainable weight and lowers a contrastive loss in a few steps', () => {
    const model = new ContrastiveModel(createSmallCnn({ inputShape: [8, 8, 1], seed: 1 }), createMlpHead({ inputDim: 128, outputDim: 32, seed: 1 }));
    const images = randomInput([8, 8, 8, 1], 3);
    // Two views per image: the image plus small independent noise.
    const views = tf.tidy(() =>
      tf.stack([tf.add(images, tf.randomNormal(images.shape, 0, 0.05, 'float32', 4)), tf.add(images, tf.randomNormal(images.shape, 0, 0.05, 'float32', 5))], 1),
    );
    const loss = () => ntXent(model.embedViews(views, true));

    const { value, grads } = tf.variableGrads(loss);
    const names = model.trainableWeights.map((w) => w.name);
    expect(names.every((name) => grads[name] !== undefined)).toBe(true);
    tf.dispose([value, ...Object.values(grads)]);

    const optimizer = tf.train.adam(3e-3);
    const losses: number[] = [];
    let afterFirstStep = 0;
    for (let step = 0; step < 6; step++) {
      const l = optimizer.minimize(loss, true) as tf.Scalar;
      losses.push(l.dataSync()[0]);
      l.dispose();
      // Adam creates its moment variables on the first step; after that nothing may accumulate.
      if (step === 0) afterFirstStep = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(afterFirstStep);
    const first = losses[0];
    const last = (losses[4] + losses[5]) / 2;
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(last).toBeLessThan(first - 0.05);
    optimizer.dispose();
    tf.dispose([images, views]);
    model.dispose();
  });
});
