import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, PluginRegistry } from '@contrastive/core';
import { buildContrastiveModel } from '../../src/model/build';
import { encodersModule } from '../../src/plugins';
import { randomInput, useCpu, weightValues } from '../helpers';

useCpu();

const registry = new PluginRegistry().load(encodersModule);

describe('buildContrastiveModel', () => {
  it('builds encoder and head from the registry, wiring the head input to the encoder features', () => {
    const model = buildContrastiveModel(registry, {
      encoder: { id: 'resnet', options: { width: 2 } },
      head: { id: 'mlp', options: { outputDim: 8 } },
      inputShape: [8, 8, 3],
    });
    expect([model.featureDim, model.embeddingDim]).toEqual([16, 8]);
    const views = randomInput([2, 2, 8, 8, 3]);
    const z = model.embedViews(views, true);
    expect(z.shape).toEqual([2, 2, 8]);
    tf.dispose([views, z]);
    model.dispose();
  });

  it('defaults the head to mlp and is deterministic per seed (an option seed wins)', () => {
    const a = buildContrastiveModel(registry, { encoder: 'small-cnn', inputShape: [8, 8, 1], seed: 1 });
    const b = buildContrastiveModel(registry, { encoder: 'small-cnn', inputShape: [8, 8, 1], seed: 1 });
    const c = buildContrastiveModel(registry, { encoder: 'small-cnn', inputShape: [8, 8, 1], seed: 2 });
    const d = buildContrastiveModel(registry, { encoder: { id: 'small-cnn', options: { seed: 1 } }, inputShape: [8, 8, 1], seed: 2 });
    expect(a.manifest.head).toEqual({ id: 'mlp', options: { seed: '1/head', inputDim: 128 } });
    expect(weightValues(a.weights)).toEqual(weightValues(b.weights));
    expect(weightValues(c.weights)[0]).not.toEqual(weightValues(a.weights)[0]);
    expect(weightValues(d.encoder.weights)).toEqual(weightValues(a.encoder.weights));
    // encoder and head draw from different streams
    expect(weightValues(a.head.weights)[0].slice(0, 8)).not.toEqual(weightValues(a.encoder.weights)[0].slice(0, 8));
    [a, b, c, d].forEach((m) => m.dispose());
  });

  it('reports bad head options as a ConfigError and frees the encoder it built', () => {
    const before = tf.memory().numTensors;
    expect(() =>
      buildContrastiveModel(registry, { encoder: 'small-cnn', head: { id: 'mlp', options: { layers: 0 } }, inputShape: [8, 8, 1] }),
    ).toThrow(ConfigError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
