import { PluginRegistry } from '@contrastive/core';
import { datasetsModule } from '../src/plugins';

describe('datasetsModule', () => {
  const registry = new PluginRegistry().load(datasetsModule);

  it('registers fashion-mnist-embedded and iris', async () => {
    expect(registry.list('dataset').map((d) => d.id)).toEqual(['fashion-mnist-embedded', 'iris']);
    const iris = await registry.create('dataset', { id: 'iris', options: { testFraction: 0.4 } });
    expect(iris.test.size).toBe(60);
    const fm = await registry.create('dataset', { id: 'fashion-mnist-embedded', options: { trainPerClass: 5 } });
    expect(fm.train.size).toBe(50);
    expect(fm.test.size).toBe(2000);
  });

  it('validates options strictly, naming the field', () => {
    expect(() => registry.create('dataset', { id: 'iris', options: { testFraction: 1 } })).toThrow(/testFraction/);
    expect(() => registry.create('dataset', { id: 'fashion-mnist-embedded', options: { bogus: 1 } })).toThrow(/bogus/);
  });
});
