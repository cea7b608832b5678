import * as tf from '@tensorflow/tfjs-core';
import { createResNet, resnetFeatureDim, type ResNetDepth } from '../../src/encoders/resnet';
import { randomInput, useCpu, weightValues } from '../helpers';

useCpu();

describe("encoder 'resnet'", () => {
  it.each([
    [18, [8, 8, 3], 16],
    [18, [8, 8, 1], 16],
    [34, [8, 6, 2], 16],
    [50, [8, 8, 3], 64],
  ])('ResNet-%i maps [B, %j] to [B, %i] with width 2', (depth, input, features) => {
    const model = createResNet({ inputShape: input as number[], depth: depth as ResNetDepth, width: 2 });
    expect(resnetFeatureDim(depth as ResNetDepth, 2)).toBe(features);
    const x = randomInput([2, ...(input as number[])]);
    const y = model.apply(x, { training: true }) as tf.Tensor;
    expect(y.shape).toEqual([2, features]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('uses the CIFAR stem (3x3 stride-1 conv, no max-pool) and the right number of convolutions', () => {
    const count = (depth: ResNetDepth) => {
      const m = createResNet({ inputShape: [8, 8, 3], depth, width: 1 });
      const convs = m.layers.filter((l) => l.getClassName() === 'Conv2D');
      const stem = convs[0].getConfig();
      const result = {
        convs: convs.length,
        pools: m.layers.filter((l) => l.getClassName() === 'MaxPooling2D').length,
        stem: [stem.kernelSize, stem.strides, stem.useBias],
      };
      m.dispose();
      return result;
    };
    // 1 stem + 2 per basic block (8 / 16 blocks) + 3 projection shortcuts.
    expect(count(18)).toEqual({ convs: 1 + 16 + 3, pools: 0, stem: [[3, 3], [1, 1], false] });
    expect(count(34)).toEqual({ convs: 1 + 32 + 3, pools: 0, stem: [[3, 3], [1, 1], false] });
    // 1 stem + 3 per bottleneck (16 blocks) + 4 shortcuts (the first stage changes width too).
    expect(count(50)).toEqual({ convs: 1 + 48 + 4, pools: 0, stem: [[3, 3], [1, 1], false] });
  });

  it('halves the resolution three times (stride 2 in stages 2-4)', () => {
    const model = createResNet({ inputShape: [16, 16, 3], width: 1 });
    const last = model.layers.filter((l) => l.getClassName() === 'Add').pop()!;
    expect(last.outputShape).toEqual([null, 2, 2, 8]);
    model.dispose();
  });

  it('has the PyTorch CIFAR ResNet-18 parameter count (11.17M at width 64), checked through a width-4 build', () => {
    // Trainable parameters of the CIFAR ResNet-18 (basic blocks [2, 2, 2, 2], no fc) as a function of width,
    // counted the way PyTorch does: conv kernels (no bias) + batch-norm gamma and beta.
    const resnet18Params = (w: number, inputChannels: number): number => {
      let total = 9 * inputChannels * w + 2 * w;
      let channels = w;
      for (let stage = 0; stage < 4; stage++) {
        const planes = w * 2 ** stage;
        for (let block = 0; block < 2; block++) {
          const strided = block === 0 && stage > 0;
          total += 9 * channels * planes + 2 * planes + 9 * planes * planes + 2 * planes;
          if (strided || channels !== planes) total += channels * planes + 2 * planes;
          channels = planes;
        }
      }
      return total;
    };
    // torchvision-style CIFAR ResNet-18 with a 10-class fc has 11,173,962 parameters; its fc has 512 * 10 + 10.
    expect(resnet18Params(64, 3)).toBe(11173962 - 5130);
    const model = createResNet({ inputShape: [8, 8, 3], width: 4 });
    const trainable = model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce((a: number, b) => a * (b as number), 1), 0);
    expect(trainable).toBe(resnet18Params(4, 3));
    model.dispose();
  });

  it('is deterministic per seed and updates batch-norm statistics in training mode only', () => {
    const a = createResNet({ inputShape: [8, 8, 1], width: 1, seed: 5 });
    const b = createResNet({ inputShape: [8, 8, 1], width: 1, seed: 5 });
    expect(weightValues(a.weights)).toEqual(weightValues(b.weights));
    const x = randomInput([4, 8, 8, 1]);
    const before = weightValues(a.nonTrainableWeights);
    tf.dispose(a.apply(x, { training: false }) as tf.Tensor);
    expect(weightValues(a.nonTrainableWeights)).toEqual(before);
    tf.dispose(a.apply(x, { training: true }) as tf.Tensor);
    expect(weightValues(a.nonTrainableWeights)).not.toEqual(before);
    x.dispose();
    a.dispose();
    b.dispose();
  });

  it('rejects bad options', () => {
    expect(() => createResNet({ inputShape: [8, 8] })).toThrow(/invalid options for encoder 'resnet':\n {2}encoder\.options\.inputShape: /);
    expect(() => createResNet({ inputShape: [8, 8, 3], depth: 101 as ResNetDepth })).toThrow(/encoder\.options\.depth: /);
    expect(() => createResNet({ inputShape: [8, 8, 3], width: 0 })).toThrow(/encoder\.options\.width: /);
  });
});
