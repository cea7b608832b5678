import { z } from 'zod';
import { ConfigError, createPluginModule, definePlugin, PluginRegistry } from '../../src';

class Scale {
  constructor(readonly factor: number) {}
}

const scalePlugin = definePlugin({
  kind: 'loss',
  id: 'scale',
  description: 'test plugin',
  optionsSchema: z.object({ factor: z.number().positive().default(2) }).strict(),
  create: (options) => new Scale(options.factor),
});

describe('PluginRegistry', () => {
  it('builds a plugin by id with schema defaults filled in', () => {
    const registry = new PluginRegistry().load(createPluginModule([scalePlugin]));
    const instance = registry.create<Scale>('loss', { id: 'scale' });
    expect(instance).toBeInstanceOf(Scale);
    expect(instance.factor).toBe(2);
    expect(registry.create<Scale>('loss', { id: 'scale', options: { factor: 5 } }).factor).toBe(5);
  });

  it('names the bad option field in the error', () => {
    const registry = new PluginRegistry().register(scalePlugin);
    expect(() => registry.create('loss', { id: 'scale', options: { factor: -1 } })).toThrow(
      /loss\.options\.factor/,
    );
    expect(() => registry.create('loss', { id: 'scale', options: { facter: 1 } })).toThrow(/facter/);
  });

  it('lists known ids when an id is unknown', () => {
    const registry = new PluginRegistry().register(scalePlugin);
    expect(() => registry.create('loss', 'nope')).toThrow(ConfigError);
    expect(() => registry.create('loss', 'nope')).toThrow(/registered loss ids: scale/);
    expect(() => registry.create('encoder', 'nope')).toThrow(/\(none\)/);
  });

  it('lets a user plugin sit beside package plugins and rejects duplicate ids', () => {
    const registry = new PluginRegistry().register(scalePlugin);
    const mine = definePlugin({ kind: 'loss', id: 'mine', description: 'user', create: () => 'custom' });
    registry.register(mine);
    expect(registry.list('loss').map((d) => d.id)).toEqual(['scale', 'mine']);
    expect(registry.create('loss', 'mine')).toBe('custom');
    expect(() => registry.register(scalePlugin)).toThrow(/registered twice/);
    // the rejected module is unloaded, so the registry still works
    expect(registry.list('loss')).toHaveLength(2);
    expect(registry.has('loss', 'mine')).toBe(true);
  });

  it('passes the registry to factories so composite plugins can build their parts', () => {
    const wrapper = definePlugin({
      kind: 'strategy',
      id: 'wrap',
      description: 'composite',
      create: (_options, { registry }) => registry.create<Scale>('loss', 'scale'),
    });
    const registry = new PluginRegistry().register(scalePlugin, wrapper);
    expect(registry.create<Scale>('strategy', 'wrap').factor).toBe(2);
  });
});
