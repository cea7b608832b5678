import { PluginRegistry } from '@contrastive/core';
import { datasetsModule } from '@contrastive/datasets';
import { datasetsNodeModule } from '../src/plugins';
import { fixture } from './fixture-path';

describe('datasetsNodeModule', () => {
  const registry = new PluginRegistry().load(datasetsModule, datasetsNodeModule);

  it('registers the file-backed datasets next to the isomorphic ones', () => {
    expect(registry.list('dataset').map((d) => d.id)).toEqual(['fashion-mnist-embedded', 'iris', 'fashion-mnist', 'mnist', 'idx', 'csv', 'image-folder']);
  });

  it('creates datasets from validated options', async () => {
    const fm = await registry.create('dataset', { id: 'fashion-mnist', options: { dir: fixture('mnist-like') } });
    expect(fm.train.size).toBe(6);
    const csv = await registry.create('dataset', { id: 'csv', options: { path: fixture('csv', 'flowers.csv'), testFraction: 0.3 } });
    expect(csv.classNames).toHaveLength(3);
    const folder = await registry.create('dataset', { id: 'image-folder', options: { root: fixture('images', 'rgb'), testFraction: 0 } });
    expect(folder.train.exampleShape).toEqual([2, 3, 3]);
    const idx = await registry.create('dataset', {
      id: 'idx',
      options: {
        train: { images: fixture('mnist-like', 'train-images-idx3-ubyte.gz'), labels: fixture('mnist-like', 'train-labels-idx1-ubyte.gz') },
        test: { images: fixture('mnist-like', 't10k-images-idx3-ubyte.gz'), labels: fixture('mnist-like', 't10k-labels-idx1-ubyte.gz') },
        classNames: ['a', 'b', 'c'],
      },
    });
    expect(idx.classNames).toEqual(['a', 'b', 'c']);
  });

  it('rejects bad options naming the field', () => {
    expect(() => registry.create('dataset', { id: 'image-folder', options: { root: 'x', resize: 'cubic' } })).toThrow(/resize/);
    expect(() => registry.create('dataset', { id: 'csv', options: {} })).toThrow(/path/);
    expect(() => registry.create('dataset', { id: 'mnist', options: { url: 'x' } })).toThrow(/url/);
  });
});
