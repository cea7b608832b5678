import * as tf from '@tensorflow/tfjs-core';
import { composedMaxPoolGrad } from '../../src/kernels/max-pool-grad';
import { relativeError, values } from './kernel-harness';

type Case = [
  name: string,
  xShape: [number, number, number, number],
  size: number | [number, number],
  ties: boolean,
];

const cases: Case[] = [
  ['2x2/2, even input', [3, 8, 8, 3], 2, false],
  ['2x2/2, odd input (trailing row/column unread)', [2, 9, 7, 2], 2, false],
  ['2x2/2 with many ties (first max wins)', [3, 8, 8, 3], 2, true],
  ['3x3/3 with ties', [2, 9, 9, 3], 3, true],
  ['non-square 2x3/[2,3]', [3, 8, 6, 2], [2, 3], true],
];

/** dx of Σ maxPool(x)·r on `backend`, x rounded to few levels when `ties` so windows share maxima. */
async function gradOn(backend: string, c: Case): Promise<Float32Array> {
  await tf.setBackend(backend);
  const [, shape, size, ties] = c;
  const n = shape.reduce((a, b) => a * b, 1);
  const raw = values(n, 3).map((v) => (ties ? Math.max(0, Math.round(v * 2)) : v));
  const x = tf.tensor4d(raw, shape);
  const outShape = tf.tidy(() => tf.maxPool(x, size, size, 'valid').shape);
  const r = tf.tensor(
    values(
      outShape.reduce((a, b) => a * b, 1),
      4,
    ),
    outShape,
  );
  const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, size, 'valid'), r)))(
    x,
  );
  const out = (await dx.data()) as Float32Array;
  tf.dispose([x, r, dx]);
  return out;
}

describe('composed MaxPoolGrad (non-overlapping windows) matches the cpu built-in', () => {
  const builtIns = new Map<string, tf.KernelConfig>();
  const install = (backend: string, ours: boolean) => {
    const builtIn = builtIns.get(backend)!;
    tf.unregisterKernel('MaxPoolGrad', backend);
    tf.registerKernel(ours ? { ...builtIn, kernelFunc: composedMaxPoolGrad(builtIn.kernelFunc) } : builtIn);
  };
  beforeAll(() => {
    for (const backend of ['cpu', 'wasm']) builtIns.set(backend, tf.getKernel('MaxPoolGrad', backend)!);
  });
  afterAll(() => {
    install('cpu', false);
    install('wasm', false);
  });

  it.each(cases.map((c) => [c[0], c] as const))('%s', async (_name, c) => {
    install('cpu', false);
    const reference = await gradOn('cpu', c);
    for (const backend of ['cpu', 'wasm']) {
      install(backend, true);
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      const dx = await gradOn(backend, c);
      expect(tf.memory().numTensors).toBe(before);
      expect(relativeError(dx, reference)).toBeLessThan(1e-5);
      install(backend, false);
    }
  });

  it('delegates overlapping windows to the backend kernel', async () => {
    await tf.setBackend('cpu');
    let delegated = 0;
    const original: tf.KernelFunc = (args) => {
      delegated++;
      return builtIns.get('cpu')!.kernelFunc(args);
    };
    tf.unregisterKernel('MaxPoolGrad', 'cpu');
    tf.registerKernel({ ...builtIns.get('cpu')!, kernelFunc: composedMaxPoolGrad(original) });
    const x = tf.tensor4d(values(2 * 6 * 6 * 2, 5), [2, 6, 6, 2]);
    tf.dispose(tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 3, 2, 'valid')))(x));
    tf.dispose(tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 2, 2, 'same')))(x));
    x.dispose();
    install('cpu', false);
    expect(delegated).toBe(1); // 3x3/2 overlaps; 2x2/2 'same' on an even input needs no padding
  });
});
