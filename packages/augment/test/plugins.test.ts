import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, PluginRegistry } from '@contrastive/core';
import { augmentModule, isViewGenerator, singleAugmentation, Compose, RandomApply, ViewPipelines } from '@contrastive/augment';
import { expectNoLeak, randomImages, rng, useCpu } from './helpers';

useCpu();

describe('augmentModule', () => {
  const registry = new PluginRegistry().load(augmentModule);

  it('registers the presets and every op under kind augmentation', () => {
    const ids = registry.list('augmentation').map((d) => d.id);
    for (const id of [
      'simclr', 'supcon-cifar', 'mnist', 'tabular', 'identity', 'random-resized-crop', 'random-crop',
      'horizontal-flip', 'vertical-flip', 'color-jitter', 'random-grayscale', 'gaussian-blur', 'solarize',
      'normalize', 'gaussian-noise', 'feature-dropout', 'random-scaling', 'compose', 'random-apply',
      'byol', 'multi-crop', 'per-view',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('every image plugin builds with defaults and augments a batch without leaking', () => {
    const x = randomImages([3, 8, 8, 3]);
    for (const id of ['simclr', 'supcon-cifar', 'mnist', 'identity', 'random-resized-crop', 'random-crop',
      'horizontal-flip', 'vertical-flip', 'color-jitter', 'random-grayscale', 'gaussian-blur', 'solarize']) {
      const aug = singleAugmentation(registry.create('augmentation', id), id);
      const out = aug.apply(x, rng());
      expect(out.shape).toEqual(x.shape);
      out.dispose();
      expectNoLeak(() => aug.apply(x, rng()), 1);
    }
    const rows = tf.randomNormal([5, 4]);
    for (const id of ['tabular', 'gaussian-noise', 'feature-dropout', 'random-scaling']) {
      const out = singleAugmentation(registry.create('augmentation', id), id).apply(rows, rng());
      expect(out.shape).toEqual([5, 4]);
      out.dispose();
    }
    tf.dispose([x, rows]);
  });

  it('compose and random-apply build their parts by id', () => {
    const composed = registry.create('augmentation', {
      id: 'compose',
      options: { steps: ['horizontal-flip', { id: 'random-apply', options: { augmentation: 'solarize', p: 0.2 } }] },
    });
    expect(composed).toBeInstanceOf(Compose);
    const { steps } = composed as Compose;
    expect(steps.map((s) => s.name)).toEqual(['RandomHorizontalFlip', 'RandomApply(Solarize)']);
    expect((steps[1] as RandomApply).p).toBe(0.2);
  });

  it('per-view builds a pipeline per view by id; byol and multi-crop are view generators', () => {
    const views = registry.create('augmentation', {
      id: 'per-view',
      options: { pipelines: [{ augmentation: 'identity' }, { augmentation: { id: 'solarize', options: { p: 0.2 } }, count: 2 }] },
    }) as unknown as ViewPipelines;
    expect(views).toBeInstanceOf(ViewPipelines);
    expect(views.viewCount).toBe(3);
    expect(views.entries.map((e) => [e.pipeline.name, e.count])).toEqual([['Identity', 1], ['Solarize', 2]]);
    expect(isViewGenerator(registry.create('augmentation', 'byol'))).toBe(true);
    expect(isViewGenerator(registry.create('augmentation', { id: 'multi-crop', options: { localCrops: 2 } }))).toBe(true);
    expect(() => registry.create('augmentation', { id: 'per-view', options: { pipelines: [] } })).toThrow(
      /augmentation\.options\.pipelines/,
    );
  });

  it('a view generator cannot be one step of a pipeline', () => {
    expect(() => registry.create('augmentation', { id: 'compose', options: { steps: ['mnist', 'byol'] } })).toThrow(
      /augmentation\.options\.steps\.1: 'ViewPipelines' makes several views and cannot be one step of a pipeline/,
    );
    expect(() => registry.create('augmentation', { id: 'random-apply', options: { augmentation: 'multi-crop' } })).toThrow(ConfigError);
  });

  it('invalid options raise a ConfigError naming the field', () => {
    expect(() => registry.create('augmentation', { id: 'simclr', options: { strength: -1 } })).toThrow(
      /augmentation\.options\.strength/,
    );
    expect(() => registry.create('augmentation', { id: 'color-jitter', options: { hue: 0.9 } })).toThrow(ConfigError);
    expect(() =>
      registry.create('augmentation', { id: 'compose', options: { steps: [{ id: 'nope' }] } }),
    ).toThrow(/unknown augmentation plugin 'nope'/);
  });
});
