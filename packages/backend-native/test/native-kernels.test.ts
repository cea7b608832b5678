import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@contrastive/backend';
import { loadBinding, nativeWasmKernels, type NativeBinding } from '../src';
import { describeNative, nativeStatus } from './support/native-harness';

describe('nativeWasmKernels', () => {
  it('either provides the kernels with the library in use, or says why not', () => {
    const result = nativeWasmKernels();
    if (result.available) {
      expect(result.info.library).toBe('oneDNN');
      expect(result.info.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(result.info.threads).toBeGreaterThanOrEqual(1);
      expect(result.kernels.map((k) => k.kernelName)).toEqual([
        'Conv2D',
        'FusedConv2D',
        'Conv2DBackpropInput',
        'Conv2DBackpropFilter',
        'BatchMatMul',
        '_FusedMatMul',
        'MaxPoolGrad',
        'FusedSupConRows',
      ]);
      expect(nativeWasmKernels()).toBe(result); // one set of kernels per process
    } else {
      expect(result.reason).toMatch(/native addon/);
    }
  });
});

describeNative('native kernels on the wasm backend', () => {
  let binding: NativeBinding;
  beforeAll(async () => {
    const loaded = loadBinding();
    if (!loaded.loaded) throw new Error(`native kernels required: ${nativeStatus.available ? '' : nativeStatus.reason}`);
    binding = loaded.binding;
  });

  it('useBackend registers them and names them; a training step runs natively and leaks nothing', async () => {
    const lines: string[] = [];
    await useBackend('wasm', { log: (line) => lines.push(line), native: 'required' });
    expect(lines[0]).toMatch(/native kernels: oneDNN \S+ \(\d+ threads?, \S+\) for Conv2D, FusedConv2D, .*MaxPoolGrad/);
    const spies = (['conv2d', 'conv2dBackpropInput', 'conv2dBackpropFilter', 'matMul', 'maxPoolGrad'] as const).map(
      (name) => jest.spyOn(binding, name),
    );
    const x = tf.randomNormal([4, 8, 8, 1], 0, 1, 'float32', 1);
    const w1 = tf.variable(tf.randomNormal([3, 3, 1, 4], 0, 0.3, 'float32', 2));
    const w2 = tf.variable(tf.randomNormal([3, 3, 4, 4], 0, 0.3, 'float32', 3));
    const w3 = tf.variable(tf.randomNormal([4 * 4 * 4, 3], 0, 0.3, 'float32', 4));
    const optimizer = tf.train.sgd(0.1);
    const step = () =>
      tf.dispose(
        optimizer.minimize(() => {
          const h = tf.maxPool(tf.relu(tf.conv2d(x as tf.Tensor4D, w1 as tf.Tensor4D, 1, 'same')), 2, 2, 'valid');
          const g = tf.conv2d(h, w2 as tf.Tensor4D, 1, 'same'); // needs the gradient of its input h
          return tf.mean(tf.square(tf.matMul(tf.reshape(g, [4, -1]), w3)));
        }, true) ?? [],
      );
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    for (const spy of spies) expect(spy).toHaveBeenCalled();
    spies.forEach((spy) => spy.mockRestore());
    tf.dispose([x, w1, w2, w3]);
    optimizer.dispose();
  });

  it('the addon rejects buffers whose size does not match the geometry, instead of corrupting memory', () => {
    const geometry = Int32Array.from([1, 4, 4, 1, 3, 3, 2, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1]);
    const filter = new Float32Array(18);
    const out = new Float32Array(32);
    expect(() => binding.conv2d(geometry, new Float32Array(15), filter, null, false, out)).toThrow(
      /x has 15 elements, expected 16/,
    );
    expect(() => binding.conv2d(geometry, new Float32Array(16), filter, new Float32Array(3), false, out)).toThrow(
      /bias has 3 elements, expected 2/,
    );
    expect(() => binding.conv2d(Int32Array.from([1, 2]), filter, filter, null, false, out)).toThrow(
      /conv geometry must hold 17 integers/,
    );
    expect(() => binding.matMul(Int32Array.from([2, 3, 1, 1, 1, 0, 0]), out, out, null, false, out)).toThrow(
      /batch sizes must match or one must be 1/,
    );
  });
});
