import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import {
  ColorJitter,
  GaussianBlur,
  MultiView,
  RandomApply,
  RandomScaling,
  Solarize,
  mnistPreset,
  simclrPreset,
  type Augmentation,
} from '@contrastive/augment';
import { maxAbsDiff, rng } from './helpers';

/**
 * The backend-specific code paths (cpu: per-image values expanded by matMul; others: native broadcasting) must
 * give the same result: the same seed gives the same views on cpu and wasm.
 */
async function runOn(backend: string, aug: Augmentation | MultiView, shape: number[]): Promise<Float32Array> {
  await tf.setBackend(backend);
  await tf.ready();
  const x = tf.randomUniform(shape, 0, 1, 'float32', 3);
  const before = tf.memory().numTensors;
  const out = aug.apply(x, rng(9));
  const data = (await out.data()) as Float32Array;
  tf.dispose([out, x]);
  expect(tf.memory().numTensors).toBe(before - 1);
  return data;
}

describe('cpu and wasm agree for the same seed', () => {
  afterAll(() => tf.setBackend('cpu'));
  const cases: Array<[string, Augmentation | MultiView, number[]]> = [
    ['simclr MultiView', new MultiView(simclrPreset(), 2), [6, 12, 12, 3]],
    ['mnist MultiView', new MultiView(mnistPreset(), 2), [6, 10, 10, 1]],
    ['ColorJitter p 0.5', new ColorJitter({ brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.2, p: 0.5 }), [8, 5, 5, 3]],
    ['GaussianBlur p 0.5', new GaussianBlur({ p: 0.5, kernelSize: 5 }), [8, 9, 9, 2]],
    ['Solarize p 0.5', new Solarize({ p: 0.5 }), [8, 4, 4, 3]],
    ['RandomScaling', new RandomScaling(), [8, 7]],
    ['RandomApply(Solarize) p 0.5', new RandomApply(new Solarize(), 0.5), [8, 4, 4, 3]],
  ];
  it.each(cases)('%s', async (_, aug, shape) => {
    const cpu = await runOn('cpu', aug, shape);
    const wasm = await runOn('wasm', aug, shape);
    expect(maxAbsDiff(cpu, wasm)).toBeLessThan(1e-4);
  });
});
