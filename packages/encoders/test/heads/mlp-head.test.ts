import * as tf from '@tensorflow/tfjs-core';
import { createMlpHead } from '../../src/heads/mlp-head';
import { randomInput, rowNorms, useCpu, weightValues } from '../helpers';

useCpu();

describe("head 'mlp'", () => {
  it('is SupContrast\'s Linear(F, F) - ReLU - Linear(F, 128), normalised, by default', () => {
    const head = createMlpHead({ inputDim: 12 });
    const dense = head.layers.filter((l) => l.getClassName() === 'Dense');
    expect(dense.map((l) => [l.getConfig().units, l.getConfig().activation, l.getConfig().useBias])).toEqual([
      [12, 'relu', true],
      [128, 'linear', true],
    ]);
    const x = randomInput([5, 12]);
    const y = head.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([5, 128]);
    rowNorms(y).forEach((n) => expect(Math.abs(n - 1)).toBeLessThan(1e-5));
    tf.dispose([x, y]);
    head.dispose();
  });

  it('normalize: false leaves the projection raw (VICReg, Barlow Twins), with the same weights', () => {
    const raw = createMlpHead({ inputDim: 6, outputDim: 4, normalize: false, seed: 's' });
    const unit = createMlpHead({ inputDim: 6, outputDim: 4, seed: 's' });
    expect(raw.layers.map((l) => l.getClassName())).not.toContain('ContrastiveL2Normalize');
    expect(weightValues(raw.weights)).toEqual(weightValues(unit.weights));
    const x = tf.sub(randomInput([5, 6]), 0.5);
    const [y, n] = [raw.apply(x) as tf.Tensor, unit.apply(x) as tf.Tensor];
    const expected = tf.div(y, tf.norm(y, 'euclidean', 1, true));
    expect(Array.from(n.dataSync()).map((v, i) => v - expected.dataSync()[i]).every((d) => Math.abs(d) < 1e-5)).toBe(true);
    expect(rowNorms(y).some((norm) => Math.abs(norm - 1) > 1e-3)).toBe(true);
    tf.dispose([x, y, n, expected]);
    raw.dispose();
    unit.dispose();
  });

  it('SimCLR v2 variant: hidden Linear(no bias)-BN-ReLU, last Linear without bias or ReLU', () => {
    const head = createMlpHead({ inputDim: 6, hiddenDim: 10, outputDim: 4, layers: 3, batchNorm: true });
    expect(head.layers.slice(1).map((l) => l.getClassName())).toEqual([
      'Dense', 'BatchNormalization', 'ReLU',
      'Dense', 'BatchNormalization', 'ReLU',
      'Dense', 'ContrastiveL2Normalize',
    ]);
    const dense = head.layers.filter((l) => l.getClassName() === 'Dense');
    expect(dense.map((l) => [l.getConfig().units, l.getConfig().useBias, l.getConfig().activation])).toEqual([
      [10, false, 'linear'],
      [10, false, 'linear'],
      [4, false, 'linear'],
    ]);
    const x = tf.sub(randomInput([8, 6]), 0.5);
    for (const training of [true, false]) {
      const y = head.apply(x, { training }) as tf.Tensor;
      expect(y.shape).toEqual([8, 4]);
      rowNorms(y).forEach((n) => expect(Math.abs(n - 1)).toBeLessThan(1e-5));
      y.dispose();
    }
    x.dispose();
    head.dispose();
  });

  it('rejects bad options', () => {
    expect(() => createMlpHead({ inputDim: 4, layers: 1 })).toThrow("head.options.layers: layers must be >= 2 (use head 'linear' for one layer)");
    expect(() => createMlpHead({ inputDim: 4, hiddenDim: 0 })).toThrow(/head\.options\.hiddenDim: /);
    expect(() => createMlpHead({ inputDim: -4 })).toThrow(/head\.options\.inputDim: /);
  });

  it("initialises like PyTorch's nn.Linear with init 'torch', and as before by default", () => {
    const torch = createMlpHead({ inputDim: 64, hiddenDim: 32, outputDim: 16, init: 'torch', seed: 4 });
    const values = weightValues(torch.weights);
    [64, 32].forEach((fanIn, layer) => {
      for (const v of [values[2 * layer], values[2 * layer + 1]]) {
        const max = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
        expect(max).toBeLessThanOrEqual(1 / Math.sqrt(fanIn));
        expect(max).toBeGreaterThan(0.7 / Math.sqrt(fanIn));
      }
    });
    const byDefault = createMlpHead({ inputDim: 8, seed: 4 });
    const he = createMlpHead({ inputDim: 8, seed: 4, init: 'he' });
    expect(weightValues(he.weights)).toEqual(weightValues(byDefault.weights));
    [torch, byDefault, he].forEach((head) => head.dispose());
  });
});
