import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, PluginRegistry } from '@contrastive/core';
import { encodersModule } from '../src/plugins';
import { randomInput, rowNorms, useCpu } from './helpers';

useCpu();

const registry = new PluginRegistry().load(encodersModule);

describe('encodersModule', () => {
  it('registers encoders mlp, small-cnn, resnet and heads linear, mlp', () => {
    expect(registry.list('encoder').map((p) => p.id)).toEqual(['mlp', 'small-cnn', 'resnet']);
    expect(registry.list('head').map((p) => p.id)).toEqual(['linear', 'mlp']);
  });

  it.each([
    ['mlp', { inputShape: [4] }, [4], 128],
    ['mlp', { inputShape: [2, 3], widths: [5], activation: 'tanh', batchNorm: true, dropout: 0.2 }, [2, 3], 5],
    ['small-cnn', { inputShape: [8, 8, 1] }, [8, 8, 1], 128],
    ['small-cnn', { inputShape: [8, 8, 1], channels: [8, 4, 2], features: 6, init: 'torch', normalize: { mean: [0.3], std: [0.4] } }, [8, 8, 1], 6],
    ['resnet', { inputShape: [8, 8, 3], width: 2 }, [8, 8, 3], 16],
    ['resnet', { inputShape: [8, 8, 1], width: 1, depth: 50 }, [8, 8, 1], 32],
  ])('creates encoder %s(%j): [B, %j] -> [B, %i]', (id, options, input, features) => {
    const model = registry.create('encoder', { id, options });
    const x = randomInput([2, ...input]);
    const y = model.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, features]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it.each([
    ['linear', { inputDim: 6 }, 128],
    ['linear', { inputDim: 6, outputDim: 3, init: 'torch' }, 3],
    ['mlp', { inputDim: 6, outputDim: 4, init: 'torch' }, 4],
    ['mlp', { inputDim: 6, outputDim: 4 }, 4],
    ['mlp', { inputDim: 6, outputDim: 4, batchNorm: true, layers: 3, hiddenDim: 5 }, 4],
  ])('creates head %s(%j) with unit outputs of width %i', (id, options, dim) => {
    const head = registry.create('head', { id, options });
    const x = randomInput([3, 6]);
    const y = head.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([3, dim]);
    rowNorms(y).forEach((n) => expect(Math.abs(n - 1)).toBeLessThan(1e-5));
    tf.dispose([x, y]);
    head.dispose();
  });

  it.each([
    ['encoder', 'mlp', {}, /encoder\.options\.inputShape/],
    ['encoder', 'mlp', { inputShape: [4], widths: [] }, /encoder\.options\.widths/],
    ['encoder', 'mlp', { inputShape: [4], activation: 'softmax' }, /encoder\.options\.activation/],
    ['encoder', 'mlp', { inputShape: [4], dropout: 1 }, /encoder\.options\.dropout/],
    ['encoder', 'mlp', { inputShape: [4], width: 3 }, /width/],
    ['encoder', 'small-cnn', { inputShape: [28, 28] }, /encoder\.options\.inputShape/],
    ['encoder', 'small-cnn', { inputShape: [28, 28, 1], channels: [] }, /encoder\.options\.channels/],
    ['encoder', 'small-cnn', { inputShape: [28, 28, 1], features: 0 }, /encoder\.options\.features/],
    ['encoder', 'small-cnn', { inputShape: [28, 28, 1], init: 'xavier' }, /encoder\.options\.init/],
    ['encoder', 'small-cnn', { inputShape: [28, 28, 1], normalize: { mean: [0.3], std: [0] } }, /encoder\.options\.normalize\.std/],
    ['head', 'mlp', { inputDim: 4, init: 'glorot' }, /head\.options\.init/],
    ['encoder', 'resnet', { inputShape: [8, 8, 3], depth: 101 }, /encoder\.options\.depth/],
    ['encoder', 'resnet', { inputShape: [8, 8, 3], width: 0 }, /encoder\.options\.width/],
    ['head', 'linear', { outputDim: 4 }, /head\.options\.inputDim/],
    ['head', 'mlp', { inputDim: 4, layers: 1 }, /head\.options\.layers/],
  ])('%s %s rejects %j with a ConfigError naming the field', (kind, id, options, field) => {
    let error: unknown;
    try {
      registry.create(kind as 'encoder' | 'head', { id, options });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(field);
  });

  it('still reports semantic shape errors of valid-looking options', () => {
    expect(() => registry.create('encoder', { id: 'small-cnn', options: { inputShape: [2, 2, 1] } })).toThrow('height and width must be >= 4');
  });

  it("loads a config written before the rename: 'seed-cnn' is the small CNN", () => {
    const old = registry.create('encoder', { id: 'seed-cnn', options: { inputShape: [8, 8, 1], seed: 4 } });
    const renamed = registry.create('encoder', { id: 'small-cnn', options: { inputShape: [8, 8, 1], seed: 4 } });
    expect(old.outputs[0].shape).toEqual([null, 128]);
    const [a, b] = [old.getWeights(), renamed.getWeights()];
    expect(a.map((w) => Array.from(w.dataSync()))).toEqual(b.map((w) => Array.from(w.dataSync())));
    expect(registry.list('encoder').find((p) => p.id === 'small-cnn')?.aliases).toEqual(['seed-cnn']);
    old.dispose();
    renamed.dispose();
  });

  it('lists the known ids for an unknown one', () => {
    expect(() => registry.create('encoder', { id: 'vit', options: {} })).toThrow('registered encoder ids: mlp, small-cnn, resnet');
  });
});
