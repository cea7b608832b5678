import * as tf from '@tensorflow/tfjs-core';
import { SupConLoss, type SupConLossOptions } from '@contrastive/losses';
import { FUSED_SUPCON_ROWS, loadBinding, type NativeBinding } from '../../src';
import { describeNative, onNativeWasm, relativeError, values } from '../support/native-harness';

interface Case {
  name: string;
  options: SupConLossOptions;
  shape: [number, number, number];
  target: 'labels' | 'mask' | 'none';
  /** Scale of the (unnormalised) features: large values stress the softmax's stability. */
  spread?: number;
}

const CASES: Case[] = [
  { name: 'L_out with labels (the default)', options: { temperature: 0.1 }, shape: [16, 2, 8], target: 'labels' },
  { name: 'L_in with labels', options: { temperature: 0.5, variant: 'in' }, shape: [12, 3, 5], target: 'labels' },
  { name: 'explicit asymmetric mask', options: { temperature: 0.2 }, shape: [10, 2, 4], target: 'mask' },
  { name: 'SimCLR (no labels)', options: { temperature: 0.07, baseTemperature: 0.07 }, shape: [9, 2, 6], target: 'none' },
  { name: "contrastMode 'one'", options: { temperature: 0.1, contrastMode: 'one' }, shape: [8, 2, 5], target: 'labels' },
  { name: "noPositive 'exclude', single view", options: { temperature: 0.3, noPositive: 'exclude' }, shape: [11, 1, 4], target: 'labels' },
  { name: 'temperature 0.01, large logits', options: { temperature: 0.01 }, shape: [8, 2, 3], target: 'labels', spread: 30 },
  { name: 'one sample, one view (no positives: 0)', options: { temperature: 0.1 }, shape: [1, 1, 4], target: 'labels' },
];

/** The loss and its gradient with respect to the features on one backend. */
async function lossAndGradient(
  backend: 'cpu' | 'native',
  c: Case,
): Promise<{ loss: number; grad: Float32Array; fused: boolean; nativeCalls: number }> {
  if (backend === 'cpu') await tf.setBackend('cpu');
  else await onNativeWasm();
  // Counts the addon's calls: the losses package must find the kernel under the name it looks for.
  const loaded = loadBinding();
  const spy = loaded.loaded ? jest.spyOn(loaded.binding as NativeBinding, 'supConRows') : undefined;
  const [b, v, d] = c.shape;
  const features = tf.tensor3d(values(b * v * d, 21).map((x) => x * (c.spread ?? 1)), c.shape);
  const labels = tf.tensor1d(Array.from({ length: b }, (_, i) => (i * 7) % 3), 'int32');
  const mask = tf.tensor2d(values(b * b, 22).map((x) => (x > 0.2 ? 1 : 0)), [b, b]);
  const target = c.target === 'labels' ? { labels } : c.target === 'mask' ? { mask } : {};
  const loss = new SupConLoss(c.options);
  const { value, grads } = tf.valueAndGrads((x: tf.Tensor) => loss.compute(x, target))([features]);
  const out = {
    loss: value.dataSync()[0],
    grad: grads[0].dataSync() as Float32Array,
    fused: tf.getKernel(FUSED_SUPCON_ROWS, tf.getBackend()) !== undefined,
    nativeCalls: spy?.mock.calls.length ?? 0,
  };
  spy?.mockRestore();
  tf.dispose([features, labels, mask, value, ...grads]);
  return out;
}

describeNative('the fused SupCon kernel agrees with the composed SupCon of @contrastive/losses', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const expected = await lossAndGradient('cpu', c);
    const actual = await lossAndGradient('native', c);
    expect(expected.fused).toBe(false);
    expect(actual.fused).toBe(true);
    expect(expected.nativeCalls).toBe(0);
    expect(actual.nativeCalls).toBe(1);
    expect(Math.abs(actual.loss - expected.loss)).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected.loss)));
    expect(relativeError(actual.grad, expected.grad)).toBeLessThan(1e-4);
    expect(Number.isFinite(actual.loss)).toBe(true);
  });

  it('scores queries against a reference set with self pairs (cross-batch memory style)', async () => {
    const run = async (backend: 'cpu' | 'native') => {
      if (backend === 'cpu') await tf.setBackend('cpu');
      else await onNativeWasm();
      const queries = tf.tensor2d(values(6 * 4, 31), [6, 4]);
      const reference = tf.tensor2d(values(9 * 4, 32), [9, 4]);
      const queryLabels = tf.tensor1d([0, 1, 2, 0, 1, -5], 'int32');
      const referenceLabels = tf.tensor1d([0, 1, 2, 0, 1, -5, 2, 2, 0], 'int32');
      const loss = new SupConLoss({ temperature: 0.2, noPositive: 'exclude' });
      const { value, grads } = tf.valueAndGrads((q: tf.Tensor) =>
        loss.computeWithReference(q as tf.Tensor2D, queryLabels, {
          embeddings: reference,
          labels: referenceLabels,
          selfIndex: Int32Array.from([0, 1, 2, 3, 4, 5]),
        }),
      )([queries]);
      const out = { loss: value.dataSync()[0], grad: grads[0].dataSync() as Float32Array };
      tf.dispose([queries, reference, queryLabels, referenceLabels, value, ...grads]);
      return out;
    };
    const expected = await run('cpu');
    const actual = await run('native');
    expect(Math.abs(actual.loss - expected.loss)).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected.loss)));
    expect(relativeError(actual.grad, expected.grad)).toBeLessThan(1e-4);
  });

  it('leaks no tensors over repeated loss + gradient calls', async () => {
    await onNativeWasm();
    const features = tf.tensor3d(values(32 * 2 * 8, 41), [32, 2, 8]);
    const labels = tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 4), 'int32');
    const loss = new SupConLoss({ temperature: 0.1 });
    const step = () => tf.dispose(tf.grad((x: tf.Tensor) => loss.compute(x, { labels }))(features));
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([features, labels]);
  });
});
