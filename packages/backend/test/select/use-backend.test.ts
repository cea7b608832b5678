import * as tf from '@tensorflow/tfjs-core';
import { availableBackends, useBackend } from '../../src';
import type { ModuleLoader } from '../../src/select/native-bindings';

const nothingInstalled: ModuleLoader = () => ({ loaded: false, reason: 'not installed' });

describe('useBackend', () => {
  it('auto falls back to wasm when no native binding is installed, says why in one line, and registers the kernels', async () => {
    const lines: string[] = [];
    const name = await useBackend('auto', { log: (line) => lines.push(line), load: nothingInstalled });
    expect(name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/backend: wasm/);
    expect(lines[0]).toMatch(
      /@tensorflow\/tfjs-node-gpu: not installed; @tensorflow\/tfjs-node: not installed/,
    );
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('DepthwiseConv2dNativeBackpropInput', 'wasm')).toBeDefined();
  });

  it('honours an explicit cpu request and replaces its slow conv filter gradient', async () => {
    const lines: string[] = [];
    expect(await useBackend('cpu', { log: (line) => lines.push(line), load: nothingInstalled })).toBe('cpu');
    expect(lines[0]).toMatch(/backend: cpu .*\(requested\)/);
    expect(lines[0]).toMatch(/registered training kernels: Conv2DBackpropFilter/);
  });

  it('explains why tensorflow is unavailable and rejects unknown names', async () => {
    await expect(useBackend('tensorflow', { quiet: true, load: nothingInstalled })).rejects.toThrow(
      /'tensorflow' is not available here: tensorflow \(@tensorflow\/tfjs-node-gpu: not installed.*Install @tensorflow\/tfjs-node/,
    );
    await expect(useBackend('gpu' as never, { quiet: true })).rejects.toThrow(/unknown backend 'gpu'/);
  });

  it('prefers tfjs-node-gpu over tfjs-node when both load, and reports a broken install', () => {
    const tried: string[] = [];
    const gpuBroken: ModuleLoader = (name) => {
      tried.push(name);
      return name.endsWith('-gpu')
        ? { loaded: false, reason: 'failed to load: libcudart.so missing' }
        : { loaded: true };
    };
    const [tensorflow] = availableBackends(gpuBroken);
    expect(tried).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
    // No real binding registered a 'tensorflow' factory here, so it is still unavailable, but the
    // detail names the package that loaded.
    expect(tensorflow.detail).toBe('@tensorflow/tfjs-node');
    expect(tensorflow.available).toBe(false);
  });
});
