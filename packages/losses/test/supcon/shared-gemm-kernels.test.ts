import { tf, maxRelativeError, valueAndGrad, selectBackend } from '../setup';
import { SupConLoss } from '../../src';
import { SYMMETRIC_GRAM, SYMMETRIZED_MATMUL } from '../../src/supcon/shared-gemm-kernels';

/** A SupCon problem with odd sizes: 37 samples x 2 views, 19 dimensions, 5 classes. */
function problem(seed: number) {
  const features = tf.tidy(() => {
    const r = tf.randomNormal([37, 2, 19], 0, 1, 'float32', seed);
    return tf.div(r, tf.norm(r, 'euclidean', -1, true));
  });
  const labels = tf.tensor1d(
    Array.from({ length: 37 }, (_, i) => (i * 7) % 5),
    'int32',
  );
  return { features, labels };
}

async function supconOn(backend: 'cpu' | 'wasm', contrastMode: 'all' | 'one', seed: number) {
  await selectBackend(backend);
  return supcon(contrastMode, seed);
}

/** On the active backend (selecting wasm again would register our kernels over the counting ones). */
async function supcon(contrastMode: 'all' | 'one', seed: number) {
  const { features, labels } = problem(seed);
  const loss = new SupConLoss({ temperature: 0.07, contrastMode });
  const result = await valueAndGrad((f) => loss.compute(f, { labels }), features);
  tf.dispose([features, labels]);
  return result;
}

/** Wraps wasm's kernels `names` to count their calls while `body` runs; restores them after. */
async function countingKernels(names: string[], body: () => Promise<void>): Promise<number[]> {
  await selectBackend('wasm');
  const originals = names.map((name) => {
    const original = tf.getKernel(name, 'wasm');
    if (!original) throw new Error(`${name} is not registered on wasm`);
    return original;
  });
  const calls = names.map(() => 0);
  originals.forEach((original, i) => {
    tf.unregisterKernel(original.kernelName, 'wasm');
    tf.registerKernel({ ...original, kernelFunc: (args) => (calls[i]++, original.kernelFunc(args)) });
  });
  try {
    await body();
  } finally {
    for (const original of originals) {
      tf.unregisterKernel(original.kernelName, 'wasm');
      tf.registerKernel(original);
    }
  }
  return calls;
}

describe("SupCon's shared-rows products (SymmetricGram, SymmetrizedMatMul) on wasm", () => {
  it('run when anchors and contrast rows are one tensor, and match the cpu reference', async () => {
    const expected = await supconOn('cpu', 'all', 3);
    let actual: { value: number; grad: Float32Array } = { value: 0, grad: new Float32Array() };
    const calls = await countingKernels([SYMMETRIC_GRAM, SYMMETRIZED_MATMUL], async () => {
      actual = await supcon('all', 3);
    });
    expect(calls).toEqual([1, 1]);
    expect(Math.abs(actual.value - expected.value) / Math.abs(expected.value)).toBeLessThan(1e-5);
    expect(
      maxRelativeError(actual.grad, expected.grad, Math.max(...expected.grad.map(Math.abs))),
    ).toBeLessThan(1e-4);
  });

  it('where the backend lacks them, the tfjs-op products give the same loss and gradient', async () => {
    const withKernels = await supconOn('wasm', 'all', 4);
    const saved = [SYMMETRIC_GRAM, SYMMETRIZED_MATMUL].map((name) => tf.getKernel(name, 'wasm')!);
    saved.forEach((kernel) => tf.unregisterKernel(kernel.kernelName, 'wasm'));
    try {
      const composed = await supcon('all', 4);
      expect(Math.abs(composed.value - withKernels.value) / Math.abs(withKernels.value)).toBeLessThan(1e-5);
      expect(
        maxRelativeError(composed.grad, withKernels.grad, Math.max(...withKernels.grad.map(Math.abs))),
      ).toBeLessThan(1e-4);
    } finally {
      saved.forEach((kernel) => tf.registerKernel(kernel));
    }
  });

  it('are not used for contrast_mode one (anchors are not the contrast rows), which still matches cpu', async () => {
    const expected = await supconOn('cpu', 'one', 5);
    let actual: { value: number; grad: Float32Array } = { value: 0, grad: new Float32Array() };
    const calls = await countingKernels([SYMMETRIC_GRAM, SYMMETRIZED_MATMUL], async () => {
      actual = await supcon('one', 5);
    });
    expect(calls).toEqual([0, 0]);
    expect(Math.abs(actual.value - expected.value) / Math.abs(expected.value)).toBeLessThan(1e-5);
    expect(
      maxRelativeError(actual.grad, expected.grad, Math.max(...expected.grad.map(Math.abs))),
    ).toBeLessThan(1e-4);
  });

  it('leave tf.memory() flat across steps', async () => {
    await selectBackend('wasm');
    const { features, labels } = problem(6);
    const loss = new SupConLoss({ temperature: 0.1 });
    const step = () => {
      const { value, grad } = tf.valueAndGrad((f: tf.Tensor) => loss.compute(f, { labels }))(features);
      value.dataSync();
      tf.dispose([value, grad]);
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([features, labels]);
  });
});
