import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { describeBackend, useBackend } from '../../src';
import type { ModuleLoader } from '../../src/select/native-bindings';
import { simdModuleOf } from '../../src/simd/simd-module';
import { relativeError, values } from '../kernels/kernel-harness';
import { withoutThreadsPin } from './auto-thread-rule';

const nothingInstalled: ModuleLoader = () => ({ loaded: false, reason: 'not installed' });

/** Fixed pseudo-random values, scaled. */
const scaled = (size: number, seed: number, scale: number) => values(size, seed).map((v) => v * scale);

/**
 * A small CNN (conv - relu - max-pool - conv - relu - dense, softmax cross-entropy) trained with
 * plain SGD from fixed weights on fixed data: the loss of each step, the final weights, and the
 * tensor count after each step. Its backward pass runs the SIMD kernels (conv gradients,
 * max-pool gradient, bias sums, transposed matmul operands).
 */
function train(steps: number) {
  const batch = 8;
  const x = tf.tensor4d(values(batch * 12 * 12 * 2, 21), [batch, 12, 12, 2]);
  const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3);
  const weights = {
    w1: tf.variable(tf.tensor4d(scaled(3 * 3 * 2 * 8, 22, 0.3), [3, 3, 2, 8])),
    b1: tf.variable(tf.zeros([8])),
    w2: tf.variable(tf.tensor4d(scaled(3 * 3 * 8 * 16, 23, 0.2), [3, 3, 8, 16])),
    w3: tf.variable(tf.tensor2d(scaled(6 * 6 * 16 * 3, 24, 0.05), [6 * 6 * 16, 3])),
  };
  const optimizer = tf.train.sgd(0.1);
  const losses: number[] = [];
  const tensorCounts: number[] = [];
  for (let step = 0; step < steps; step++) {
    const loss = optimizer.minimize(
      () =>
        tf.tidy(() => {
          const h1 = tf.relu(tf.add(tf.conv2d(x, weights.w1, 1, 'same'), weights.b1)) as tf.Tensor4D;
          const pooled = tf.maxPool(h1, 2, 2, 'valid');
          const h2 = tf.relu(tf.conv2d(pooled, weights.w2, 1, 'same'));
          const logits = tf.matMul(tf.reshape(h2, [batch, 6 * 6 * 16]), weights.w3);
          return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
        }),
      true,
    )!;
    losses.push(loss.dataSync()[0]);
    loss.dispose();
    tensorCounts.push(tf.memory().numTensors);
  }
  const trained = Object.values(weights).map((w) => w.dataSync().slice());
  optimizer.dispose();
  tf.dispose([x, labels, ...Object.values(weights)]);
  return { losses, trained, tensorCounts };
}

// Each jest test file has its own tfjs instance, so wasm is not initialised yet here: `auto` on
// a machine with 2 free cores starts it on 2 threads, whatever the load on the machine running
// the test.
describe('threads: auto on wasm (2 cores free)', () => {
  withoutThreadsPin();
  const lines: string[] = [];

  beforeAll(async () => {
    await useBackend('wasm', {
      native: 'off',
      load: nothingInstalled,
      coreLoad: { cores: 2, loadAverage: 0.1 },
      log: (line) => lines.push(line),
    });
  });

  it('runs tfjs and the SIMD kernels on 2 threads, and says why', () => {
    expect(getThreadsCount()).toBe(2);
    expect(simdModuleOf(tf.backend())?.threads).toBe(2);
    expect(lines[0]).toMatch(
      /; wasm threads: 2 \(threaded SIMD build, 2 worker_threads\) \[auto: 2 cores free\];/,
    );
    expect(lines[0]).toMatch(/; simd kernels: WebAssembly SIMD \(2 threads\) for /);
    expect(describeBackend()).toBe('wasm + simd kernels, 2 threads (auto: 2 cores free)');
  });

  it('trains as one thread does (the cpu backend), with tf.memory() flat', async () => {
    const steps = 6;
    const calls = simdModuleOf(tf.backend())!.calls;
    const simdCallsBefore = [...calls.values()].reduce((a, b) => a + b, 0);
    const threaded = train(steps);
    expect([...calls.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(simdCallsBefore);
    expect(new Set(threaded.tensorCounts).size).toBe(1);
    await tf.setBackend('cpu');
    const single = train(steps);
    await tf.setBackend('wasm');
    expect(threaded.losses[steps - 1]).toBeLessThan(threaded.losses[0]);
    expect(relativeError(threaded.losses, single.losses)).toBeLessThan(1e-4);
    threaded.trained.forEach((weights, i) =>
      expect(relativeError(weights, single.trained[i])).toBeLessThan(1e-4),
    );
  });
});
