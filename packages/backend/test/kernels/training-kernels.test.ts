import * as tf from '@tensorflow/tfjs-core';
import { registerTrainingKernels, TRAINING_KERNELS, useBackend } from '../../src';

describe('registerTrainingKernels', () => {
  it('registers each kernel once per backend (repeated calls are no-ops)', async () => {
    // native: 'off' so that this file exercises our composed kernels, not @contrastive/backend-native's.
    await useBackend('wasm', { quiet: true, native: 'off' });
    const wasmKernels = TRAINING_KERNELS.filter((k) => k.backends.includes('wasm')).map((k) => k.kernelName);
    expect(wasmKernels).toEqual(expect.arrayContaining(['Conv2DBackpropFilter', 'MaxPoolGrad']));
    expect(registerTrainingKernels('wasm')).toEqual([]);
    expect(registerTrainingKernels('webgl')).toEqual([]);
  });
});

describe('a small CNN trains on wasm', () => {
  it('loss decreases over SGD steps, without leaking tensors', async () => {
    expect(await useBackend('wasm', { quiet: true, native: 'off' })).toBe('wasm');
    // 6x6 pool output -> stride-[2,1] conv -> 2x3 pool with strides [1,2] -> 2x3x8 features.
    // Two classes: a bright square top-left vs bottom-right, plus noise; conv-relu-pool-conv-pool-dense.
    const n = 32;
    const x = tf.tidy(() => {
      const noise = tf.randomUniform([n, 12, 12, 1], 0, 0.3, 'float32', 1);
      const a = tf.pad(tf.ones([n / 2, 6, 6, 1]), [
        [0, 0],
        [0, 6],
        [0, 6],
        [0, 0],
      ]);
      const b = tf.pad(tf.ones([n / 2, 6, 6, 1]), [
        [0, 0],
        [6, 0],
        [6, 0],
        [0, 0],
      ]);
      return tf.add(noise, tf.concat([a, b]));
    });
    const y = tf.oneHot(tf.concat([tf.zeros([n / 2], 'int32'), tf.ones([n / 2], 'int32')]) as tf.Tensor1D, 2);
    const init = (shape: number[], seed: number) =>
      tf.variable(tf.randomNormal(shape, 0, 0.3, 'float32', seed));
    const w = [init([3, 3, 1, 4], 2), init([3, 3, 4, 8], 3), init([2 * 3 * 8, 2], 4)];
    const optimizer = tf.train.sgd(0.1);
    const loss = () =>
      tf.tidy(() => {
        let h = tf.maxPool(
          tf.relu(tf.conv2d(x as tf.Tensor4D, w[0] as tf.Variable<tf.Rank.R4>, 1, 'same')),
          2,
          2,
          'valid',
        );
        h = tf.maxPool(
          tf.relu(tf.conv2d(h, w[1] as tf.Variable<tf.Rank.R4>, [2, 1], 'same')),
          2,
          [1, 2],
          'valid',
        );
        const logits = tf.matMul(tf.reshape(h, [n, -1]), w[2]);
        return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
      });
    const losses: number[] = [];
    const before = tf.memory().numTensors;
    for (let step = 0; step < 25; step++) {
      const cost = optimizer.minimize(loss, true, w)!;
      losses.push(cost.dataSync()[0]);
      cost.dispose();
    }
    expect(tf.memory().numTensors).toBe(before); // plain SGD keeps no slots
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.5);
    tf.dispose([x, y, ...w]);
    optimizer.dispose();
  });
});
