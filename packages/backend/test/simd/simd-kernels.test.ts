import * as tf from '@tensorflow/tfjs-core';
import { describeBackend, SIMD_KERNELS, useBackend } from '../../src';
import type { ModuleLoader } from '../../src/select/native-bindings';
import { simdModuleOf } from '../../src/simd/simd-module';
import { countCalls, operand } from './simd-harness';
import { withEnv } from '../support/environment';

const nothingInstalled: ModuleLoader = () => ({ loaded: false, reason: 'not installed' });
const noNative = () => ({ available: false as const, reason: 'the native addon is not built' });

describe('useBackend and the SIMD kernels', () => {
  it('auto on a machine without native kernels: wasm + SIMD kernels, named with their thread count in the line', async () => {
    const lines: string[] = [];
    const name = await useBackend('auto', {
      log: (line) => lines.push(line),
      load: nothingInstalled,
      loadNative: noNative,
      // One thread here (simd-threads.test.ts runs two), whatever the machine's free cores.
      threads: 1,
      // CI sets CONTRASTIVE_NATIVE=required; this case is the machine without native kernels.
      native: 'auto',
    });
    expect(name).toBe('wasm');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /; simd kernels: WebAssembly SIMD \(1 thread\) for Conv2DBackpropInput, Conv2DBackpropFilter, MaxPoolGrad, Sum, FusedSupConRows, Transpose, SymmetricGram, SymmetrizedMatMul; native kernels: not used/,
    );
    expect(describeBackend()).toBe('wasm + simd kernels, 1 thread (requested)');
    expect(simdModuleOf(tf.backend())).toBeDefined();
  });

  it('all adds the forward convolutions; auto, even after all, leaves them to XNNPACK', async () => {
    const lines: string[] = [];
    await useBackend('wasm', {
      simd: 'all',
      native: 'off',
      log: (line) => lines.push(line),
      load: nothingInstalled,
    });
    expect(lines[0]).toMatch(
      /simd kernels: WebAssembly SIMD \(1 thread\) for Conv2D, FusedConv2D, Conv2DBackpropInput, /,
    );
    const convolve = async () => {
      const x = tf.tensor4d(operand([1, 4, 4, 1], 1).values, [1, 4, 4, 1]);
      const w = tf.tensor4d(operand([2, 2, 1, 2], 2).values, [2, 2, 1, 2]);
      tf.dispose([x, w, tf.conv2d(x, w, 1, 'same')]);
    };
    const [all] = await countCalls(['conv2d_pack'], convolve); // countCalls selects `all`
    expect(all).toBe(1);
    await useBackend('wasm', { simd: 'auto', native: 'off', quiet: true, load: nothingInstalled });
    const pack = () => simdModuleOf(tf.backend())!.calls.get('conv2d_pack') ?? 0;
    const before = pack();
    await convolve();
    expect(pack()).toBe(before);
  });

  it('off (option or CONTRASTIVE_SIMD) hands every call back to the kernels underneath', async () => {
    const lines: string[] = [];
    await useBackend('wasm', {
      simd: 'off',
      native: 'off',
      threads: 1,
      log: (line) => lines.push(line),
      load: nothingInstalled,
    });
    expect(lines[0]).toMatch(/; simd kernels: off; native kernels: off/);
    expect(describeBackend()).toBe('wasm, 1 thread (requested)');
    // Registered earlier in this process, yet nothing runs on them while off.
    expect(simdModuleOf(tf.backend())).toBeUndefined();
    // Our own kernels have nothing underneath to hand calls to: they leave the registry (SupCon composes).
    for (const own of ['FusedSupConRows', 'SymmetricGram', 'SymmetrizedMatMul']) {
      expect(tf.getKernel(own, 'wasm')).toBeUndefined();
    }
    await withEnv('CONTRASTIVE_SIMD', 'off', async () => {
      lines.length = 0;
      await useBackend('wasm', { native: 'off', log: (line) => lines.push(line), load: nothingInstalled });
      expect(lines[0]).toMatch(/simd kernels: off/);
      process.env.CONTRASTIVE_SIMD = 'sometimes';
      await expect(useBackend('wasm', { quiet: true })).rejects.toThrow(
        /simd kernels mode must be one of auto, all, off, got 'sometimes' \(from CONTRASTIVE_SIMD\)/,
      );
    });
    // The SIMD path is back (and really runs) when asked for again.
    await useBackend('wasm', { native: 'off', quiet: true, load: nothingInstalled });
    expect(tf.getKernel('FusedSupConRows', 'wasm')).toBeDefined();
    const [calls] = await countCalls(['conv2d_pack'], async () => {
      const x = tf.tensor4d(operand([1, 4, 4, 1], 1).values, [1, 4, 4, 1]);
      const w = tf.tensor4d(operand([2, 2, 1, 2], 2).values, [2, 2, 1, 2]);
      tf.dispose([x, w, tf.conv2d(x, w, 1, 'same')]);
    });
    expect(calls).toBe(1);
  });

  it('leaves cpu alone', async () => {
    const lines: string[] = [];
    await useBackend('cpu', { log: (line) => lines.push(line), load: nothingInstalled });
    expect(lines[0]).not.toMatch(/simd/);
    for (const kernel of SIMD_KERNELS) expect(kernel.backends).toEqual(['wasm']);
  });

  it('keeps tensors flat over training steps on the SIMD kernels', async () => {
    await useBackend('wasm', { quiet: true, native: 'off', load: nothingInstalled });
    const w = tf.variable(tf.tensor4d(operand([3, 3, 1, 4], 3).values, [3, 3, 1, 4]));
    const b = tf.variable(tf.zeros([4]));
    const x = tf.tensor4d(operand([2, 8, 8, 1], 4).values, [2, 8, 8, 1]);
    const optimizer = tf.train.sgd(0.01);
    const step = () =>
      optimizer.minimize(
        () =>
          tf.sum(
            tf.square(
              tf.maxPool(
                tf.relu(tf.add(tf.conv2d(x, w as tf.Tensor4D, 1, 'same'), b)) as tf.Tensor4D,
                2,
                2,
                'valid',
              ),
            ),
          ),
        true,
      )!;
    tf.dispose(step());
    const before = tf.memory();
    for (let i = 0; i < 5; i++) tf.dispose(step());
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    tf.dispose([w, b, x]);
    optimizer.dispose();
  });
});
