import * as tf from '@tensorflow/tfjs-core';
import { createSmallCnn, SMALL_CNN_FEATURES } from '../../src/encoders/small-cnn';
import { Standardize } from '../../src/layers/standardize';
import { randomInput, useCpu, weightValues } from '../helpers';

useCpu();

describe("encoder 'small-cnn'", () => {
  it.each([
    [[28, 28, 1], 32 * 7 * 7],
    [[8, 8, 3], 32 * 2 * 2],
    [[9, 7, 2], 32 * 2 * 1],
  ])('maps [B, %j] to [B, 128] (flattened conv features %i)', (input, flat) => {
    const model = createSmallCnn({ inputShape: input });
    const x = randomInput([2, ...input]);
    const y = model.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, SMALL_CNN_FEATURES]);
    expect(Math.min(...y.dataSync())).toBeGreaterThanOrEqual(0); // ends in ReLU
    const dense = model.layers.find((l) => l.getClassName() === 'Dense')!;
    expect(dense.getWeights()[0].shape).toEqual([flat, 128]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('has the seeds architecture: conv16, pool, conv32, pool, flatten, fc128, all ReLU', () => {
    const model = createSmallCnn({ inputShape: [28, 28, 1] });
    const layers = model.layers.slice(1).map((l) => {
      const c = l.getConfig();
      return [l.getClassName(), c.filters ?? c.units ?? c.poolSize ?? null, c.activation ?? null];
    });
    expect(layers).toEqual([
      ['Conv2D', 16, 'relu'],
      ['MaxPooling2D', [2, 2], null],
      ['Conv2D', 32, 'relu'],
      ['MaxPooling2D', [2, 2], null],
      ['Flatten', null, null],
      ['Dense', 128, 'relu'],
    ]);
    // 1*16*9+16 + 16*32*9+32 + 1568*128+128 parameters, as the PyTorch model.
    expect(model.countParams()).toBe(160 + 4640 + 200832);
    model.dispose();
  });

  it('runs fused conv+bias+relu and matMul+bias+relu kernels at inference, unfused ones under a gradient tape', async () => {
    const model = createSmallCnn({ inputShape: [8, 8, 1] });
    const x = randomInput([2, 8, 8, 1]);
    const inference = await tf.profile(() => tf.dispose(model.apply(x) as tf.Tensor));
    expect(inference.kernelNames).toEqual(expect.arrayContaining(['FusedConv2D', '_FusedMatMul']));
    expect(inference.kernelNames).not.toContain('Relu');
    const training = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(() => tf.sum(model.apply(x, { training: true }) as tf.Tensor));
      tf.dispose([value, ...Object.values(grads)]);
    });
    // tfjs-core only fuses a non-linear activation when no gradient is being recorded.
    expect(training.kernelNames).toEqual(expect.arrayContaining(['Conv2D', 'Relu', 'Conv2DBackpropFilter']));
    expect(training.kernelNames).not.toContain('FusedConv2D');
    x.dispose();
    model.dispose();
  });

  it('is deterministic per seed', () => {
    const a = createSmallCnn({ inputShape: [8, 8, 1], seed: 3 });
    const b = createSmallCnn({ inputShape: [8, 8, 1], seed: 3 });
    expect(weightValues(a.weights)).toEqual(weightValues(b.weights));
    a.dispose();
    b.dispose();
  });

  it('rejects shapes it cannot take', () => {
    expect(() => createSmallCnn({ inputShape: [28, 28] })).toThrow(
      /invalid options for encoder 'small-cnn':\n {2}encoder\.options\.inputShape: /,
    );
    expect(() => createSmallCnn({ inputShape: [3, 28, 1] })).toThrow('height and width must be >= 4');
  });

  it('takes its widths: channels per conv block and features', () => {
    const wide = createSmallCnn({ inputShape: [28, 28, 1], channels: [32, 64], features: 256 });
    expect(wide.outputs[0].shape).toEqual([null, 256]);
    expect(wide.countParams()).toBe(1 * 32 * 9 + 32 + 32 * 64 * 9 + 64 + 7 * 7 * 64 * 256 + 256);
    const oneBlock = createSmallCnn({ inputShape: [28, 28, 1], channels: [8], features: 10 });
    expect(oneBlock.layers.filter((l) => l.getClassName() === 'Conv2D')).toHaveLength(1);
    expect(oneBlock.countParams()).toBe(8 * 9 + 8 + 14 * 14 * 8 * 10 + 10);
    wide.dispose();
    oneBlock.dispose();
  });

  it("builds the same weights with init 'he' as by default", () => {
    const byDefault = createSmallCnn({ inputShape: [8, 8, 1], seed: 5 });
    const he = createSmallCnn({ inputShape: [8, 8, 1], seed: 5, init: 'he' });
    expect(weightValues(he.weights)).toEqual(weightValues(byDefault.weights));
    expect(Array.from(weightValues(he.weights)[1]).every((b) => b === 0)).toBe(true);
    byDefault.dispose();
    he.dispose();
  });

  it("draws kernels and biases from U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with init 'torch' (PyTorch's default)", () => {
    const model = createSmallCnn({ inputShape: [28, 28, 1], init: 'torch', seed: 1 });
    const fanIns = [1 * 9, 16 * 9, 7 * 7 * 32];
    const values = weightValues(model.weights);
    fanIns.forEach((fanIn, layer) => {
      const bound = 1 / Math.sqrt(fanIn);
      for (const v of [values[2 * layer], values[2 * layer + 1]]) {
        const max = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
        expect(max).toBeLessThanOrEqual(bound);
        expect(max).toBeGreaterThan(0.8 * bound); // spread over the whole interval, biases included
      }
      // Uniform on [-b, b] has variance b^2 / 3.
      const kernel = values[2 * layer];
      const variance = kernel.reduce((sum, v) => sum + v * v, 0) / kernel.length;
      expect(variance).toBeCloseTo((bound * bound) / 3, 2);
    });
    model.dispose();
  });

  it('standardises its input inside the model with normalize', () => {
    const plain = createSmallCnn({ inputShape: [8, 8, 1], seed: 2 });
    const normalized = createSmallCnn({ inputShape: [8, 8, 1], seed: 2, normalize: { mean: [0.25], std: [0.5] } });
    expect(normalized.layers[1]).toBeInstanceOf(Standardize);
    const x = randomInput([3, 8, 8, 1]);
    const scaled = tf.div(tf.sub(x, 0.25), 0.5);
    const a = normalized.apply(x) as tf.Tensor;
    const b = plain.apply(scaled) as tf.Tensor;
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()).map((v) => expect.closeTo(v, 5)));
    tf.dispose([x, scaled, a, b]);
    plain.dispose();
    normalized.dispose();
  });

  it('rejects widths it cannot build', () => {
    expect(() => createSmallCnn({ inputShape: [28, 28, 1], channels: [] })).toThrow(
      /encoder\.options\.channels: /,
    );
    expect(() => createSmallCnn({ inputShape: [28, 28, 1], channels: [16, 0] })).toThrow(/encoder\.options\.channels\.1: /);
    expect(() => createSmallCnn({ inputShape: [28, 28, 1], features: 1.5 })).toThrow(/encoder\.options\.features: /);
    expect(() => createSmallCnn({ inputShape: [6, 28, 1], channels: [4, 4, 4] })).toThrow('height and width must be >= 8 (3 2x2 max-pools)');
  });
});
