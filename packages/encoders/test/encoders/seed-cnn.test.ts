import * as tf from '@tensorflow/tfjs-core';
import { createSeedCnn, SEED_CNN_FEATURES } from '../../src/encoders/seed-cnn';
import { randomInput, useCpu, weightValues } from '../helpers';

useCpu();

describe("encoder 'seed-cnn'", () => {
  it.each([
    [[28, 28, 1], 32 * 7 * 7],
    [[8, 8, 3], 32 * 2 * 2],
    [[9, 7, 2], 32 * 2 * 1],
  ])('maps [B, %j] to [B, 128] (flattened conv features %i)', (input, flat) => {
    const model = createSeedCnn({ inputShape: input });
    const x = randomInput([2, ...input]);
    const y = model.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, SEED_CNN_FEATURES]);
    expect(Math.min(...y.dataSync())).toBeGreaterThanOrEqual(0); // ends in ReLU
    const dense = model.layers.find((l) => l.getClassName() === 'Dense')!;
    expect(dense.getWeights()[0].shape).toEqual([flat, 128]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('has the seeds architecture: conv16, pool, conv32, pool, flatten, fc128, all ReLU', () => {
    const model = createSeedCnn({ inputShape: [28, 28, 1] });
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
    const model = createSeedCnn({ inputShape: [8, 8, 1] });
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
    const a = createSeedCnn({ inputShape: [8, 8, 1], seed: 3 });
    const b = createSeedCnn({ inputShape: [8, 8, 1], seed: 3 });
    expect(weightValues(a.weights)).toEqual(weightValues(b.weights));
    a.dispose();
    b.dispose();
  });

  it('rejects shapes it cannot take', () => {
    expect(() => createSeedCnn({ inputShape: [28, 28] })).toThrow(
      "encoder 'seed-cnn': inputShape must have 3 axes ([height, width, channels], NHWC), got 2: [28, 28]",
    );
    expect(() => createSeedCnn({ inputShape: [3, 28, 1] })).toThrow('height and width must be >= 4');
  });
});
