import { createBrowserRegistry } from '../../src/worker/create-registry';
import { availableParadigms, paradigmConfig } from '../../src/worker/paradigms';

const registry = createBrowserRegistry();

test('the picker offers SupCon, SimCLR, MoCo and triplet, all built from the registry', () => {
  expect(availableParadigms(registry).map((p) => p.id)).toEqual(['supcon', 'simclr', 'moco', 'triplet']);
  expect(availableParadigms(registry)[2].parts).toBe('ntxent loss, moco strategy, no labels');
});

describe.each(['supcon', 'simclr', 'moco', 'triplet'])('%s', (id) => {
  test.each([
    ['images', [28, 28, 1], 'seed-cnn', 'mnist'],
    ['vectors', [4], 'mlp', 'tabular'],
  ])('on %s: every plugin of its config exists in the registry', (_, exampleShape, encoder, augment) => {
    const config = paradigmConfig(id, {
      exampleShape,
      numClasses: 3,
      trainSize: 120,
      epochs: 2,
      batchSize: 64,
    });
    expect(config.encoder.id).toBe(encoder);
    expect(config.augment.id).toBe(augment);
    for (const [kind, ref] of [
      ['loss', config.loss],
      ['strategy', config.strategy],
      ['encoder', config.encoder],
      ['head', config.head],
      ['augmentation', config.augment],
      ['optimizer', config.optimizer],
      ['schedule', config.schedule],
      ['trainer', config.trainer],
    ] as const)
      expect(registry.has(kind, ref.id)).toBe(true);
  });
});

test('the batch never exceeds the training split, and triplet batches hold whole classes', () => {
  expect(
    paradigmConfig('supcon', { exampleShape: [4], numClasses: 3, trainSize: 20, epochs: 1, batchSize: 64 })
      .pretrain.batchSize,
  ).toBe(20);
  const triplet = paradigmConfig('triplet', {
    exampleShape: [4],
    numClasses: 3,
    trainSize: 120,
    epochs: 1,
    batchSize: 32,
  });
  expect(triplet.pretrain).toMatchObject({ batchSize: 30, samplesPerClass: 10 });
});

test('an unknown paradigm is refused by name', () => {
  expect(() =>
    paradigmConfig('byol', { exampleShape: [4], numClasses: 3, trainSize: 120, epochs: 1, batchSize: 8 }),
  ).toThrow("unknown paradigm 'byol'; expected one of supcon, simclr, moco, triplet");
});
