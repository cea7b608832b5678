import * as tf from '@tensorflow/tfjs-core';
import {
  ColorJitter,
  GaussianBlur,
  RandomCrop,
  RandomHorizontalFlip,
  RandomResizedCrop,
  mnistPreset,
  simclrPreset,
  supconCifarPreset,
} from '@contrastive/augment';
import { expectNoLeak, randomImages, rng, useCpu } from './helpers';

useCpu();

describe('presets', () => {
  it('simclr: crop 0.08-1, flip, jitter 0.8s p 0.8, gray 0.2, blur p 0.5', () => {
    const p = simclrPreset({ strength: 0.5 });
    expect(p.steps.map((s) => s.name)).toEqual([
      'RandomResizedCrop',
      'RandomHorizontalFlip',
      'ColorJitter',
      'RandomGrayscale',
      'GaussianBlur',
    ]);
    expect((p.steps[0] as RandomResizedCrop).options.scale).toEqual([0.08, 1]);
    const jitter = (p.steps[2] as ColorJitter).options;
    expect([jitter.brightness, jitter.contrast, jitter.saturation, jitter.hue, jitter.p]).toEqual([0.4, 0.4, 0.4, 0.1, 0.8]);
    expect((p.steps[4] as GaussianBlur).options.p).toBe(0.5);
    expect(simclrPreset({ blur: false }).steps).toHaveLength(4);
  });

  it('supcon-cifar: crop 0.2-1, jitter (0.4, 0.4, 0.4, 0.1) p 0.8, optional normalize', () => {
    const p = supconCifarPreset({ normalize: { mean: [0.4914, 0.4822, 0.4465], std: [0.2023, 0.1994, 0.201] } });
    expect((p.steps[0] as RandomResizedCrop).options.scale).toEqual([0.2, 1]);
    expect(p.steps.map((s) => s.name)).toEqual([
      'RandomResizedCrop',
      'RandomHorizontalFlip',
      'ColorJitter',
      'RandomGrayscale',
      'Normalize',
    ]);
  });

  it('mnist: pad-2 random crop + flip (flip optional)', () => {
    const p = mnistPreset();
    expect((p.steps[0] as RandomCrop).options.padding).toBe(2);
    expect(p.steps[1]).toBeInstanceOf(RandomHorizontalFlip);
    expect(mnistPreset({ flip: false }).steps).toHaveLength(1);
  });

  it.each([
    ['simclr', simclrPreset(), [6, 12, 12, 3]],
    ['supcon-cifar', supconCifarPreset(), [6, 12, 12, 3]],
    ['mnist', mnistPreset(), [6, 10, 10, 1]],
    ['simclr on grayscale', simclrPreset(), [6, 10, 10, 1]],
  ] as const)('%s keeps shape and [0, 1] range, is deterministic and leak-free', (_, pipeline, shape) => {
    const x = randomImages([...shape]);
    const out = pipeline.apply(x, rng(1));
    expect(out.shape).toEqual(shape);
    const data = out.dataSync();
    expect(Math.min(...data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...data)).toBeLessThanOrEqual(1);
    expect(pipeline.apply(x, rng(1)).arraySync()).toEqual(out.arraySync());
    expect(pipeline.apply(x, rng(2)).arraySync()).not.toEqual(out.arraySync());
    expectNoLeak(() => pipeline.apply(x, rng(1)));
    tf.dispose([x, out]);
  });

  it('rejects unknown preset options by name', () => {
    expect(() => simclrPreset({ strenght: 1 } as never)).toThrow(/strenght/);
    expect(() => mnistPreset({ padding: -1 })).toThrow(/mnist\.padding/);
  });
});
