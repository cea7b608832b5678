import * as tf from '@tensorflow/tfjs-core';
import { registerTrainingKernels } from '@contrastive/backend';
import { PluginRegistry } from '@contrastive/core';
import { loadFashionMnistEmbedded, toBatch } from '@contrastive/datasets';
import { SupConLoss } from '@contrastive/losses';
import { buildContrastiveModel } from '../../src/model/build';
import { encodersModule } from '../../src/plugins';
import { useCpu } from '../helpers';

useCpu();
// tfjs-backend-cpu's own Conv2DBackpropFilter takes ~80 s per step here at 28x28; the project's composed kernel ~1 s.
beforeAll(() => registerTrainingKernels('cpu'));

// The "done when": seed-cnn + mlp head trains on the embedded Fashion-MNIST subset with a loss of
// @contrastive/losses. Kept to a few small steps.
describe('seed-cnn + mlp head on embedded Fashion-MNIST with SupCon', () => {
  it('lowers the SupCon loss on a fixed batch in a few Adam steps', () => {
    const dataset = loadFashionMnistEmbedded({ trainPerClass: 2 });
    expect(dataset.train.exampleShape).toEqual([28, 28, 1]);
    const registry = new PluginRegistry().load(encodersModule);
    const model = buildContrastiveModel(registry, {
      encoder: 'seed-cnn',
      head: { id: 'mlp', options: { outputDim: 32 } },
      inputShape: dataset.train.exampleShape,
      seed: 7,
    });
    const { x, labels } = toBatch(dataset.train, Array.from({ length: 8 }, (_, i) => i));
    // Two views: the image and its mirror image.
    const views = tf.tidy(() => tf.stack([x, tf.reverse(x, 2)], 1));
    const loss = new SupConLoss({ temperature: 0.1 });
    const optimizer = tf.train.adam(2e-3);
    const losses: number[] = [];
    for (let step = 0; step < 5; step++) {
      const value = optimizer.minimize(() => loss.compute(model.embedViews(views, true), { labels }), true) as tf.Scalar;
      losses.push(value.dataSync()[0]);
      value.dispose();
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect((losses[3] + losses[4]) / 2).toBeLessThan(losses[0] - 0.05);
    optimizer.dispose();
    tf.dispose([x, labels, views]);
    model.dispose();
  });
});
