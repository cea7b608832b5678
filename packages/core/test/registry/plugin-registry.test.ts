import { z } from 'zod';
import {
  classPlugin,
  ConfigError,
  createPluginModule,
  definePlugin,
  parsePluginOptions,
  PluginRegistry,
  withOptions,
} from '../../src';

/**
 * A test plugin shaped like a learning-rate schedule, so it meets the `schedule` contract that
 * `@contrastive/trainers` adds to `PluginTypes` wherever that package is in the program.
 */
class Scale {
  readonly kind = 'scale';
  constructor(readonly factor: number) {}
  learningRate(): number {
    return this.factor;
  }
}

const scaleSchema = z.object({ factor: z.number().positive().default(2) }).strict();

const scalePlugin = definePlugin({
  kind: 'schedule',
  id: 'scale',
  description: 'test plugin',
  optionsSchema: scaleSchema,
  create: (options) => new Scale(options.factor),
});

describe('PluginRegistry', () => {
  it('builds a plugin by id with schema defaults filled in', () => {
    const registry = new PluginRegistry().load(createPluginModule([scalePlugin]));
    const instance = registry.create('schedule', { id: 'scale' });
    expect(instance).toBeInstanceOf(Scale);
    expect(instance.learningRate({ step: 0, stepsPerEpoch: 1, totalSteps: 1 })).toBe(2);
    expect((registry.create('schedule', { id: 'scale', options: { factor: 5 } }) as Scale).factor).toBe(5);
  });

  it('names the bad option field in the error', () => {
    const registry = new PluginRegistry().register(scalePlugin);
    expect(() => registry.create('schedule', { id: 'scale', options: { factor: -1 } })).toThrow(
      /invalid options for schedule 'scale':\n {2}schedule\.options\.factor: /,
    );
    expect(() => registry.create('schedule', { id: 'scale', options: { facter: 1 } })).toThrow(/facter/);
    expect(() => registry.create('schedule', { id: 'scale', options: { factor: -1 } }, 'trainer.options.schedule')).toThrow(
      /trainer\.options\.schedule\.options\.factor/,
    );
  });

  it('lists known ids when an id is unknown', () => {
    const registry = new PluginRegistry().register(scalePlugin);
    expect(() => registry.create('schedule', 'nope')).toThrow(ConfigError);
    expect(() => registry.create('schedule', 'nope')).toThrow(/registered schedule ids: scale/);
    expect(() => registry.create('encoder', 'nope')).toThrow(/\(none\)/);
  });

  it('lets a user plugin sit beside package plugins and rejects duplicate ids', () => {
    const registry = new PluginRegistry().register(scalePlugin);
    const mine = definePlugin({ kind: 'schedule', id: 'mine', description: 'user', create: () => new Scale(7) });
    registry.register(mine);
    expect(registry.list('schedule').map((d) => d.id)).toEqual(['scale', 'mine']);
    expect((registry.create('schedule', 'mine') as Scale).factor).toBe(7);
    expect(() => registry.register(scalePlugin)).toThrow(/registered twice/);
    // the rejected module is unloaded, so the registry still works
    expect(registry.list('schedule')).toHaveLength(2);
    expect(registry.has('schedule', 'mine')).toBe(true);
  });

  it('passes the registry to factories so composite plugins can build their parts', () => {
    const doubled = definePlugin({
      kind: 'schedule',
      id: 'doubled',
      description: 'composite',
      create: (_options, { registry }) => new Scale(2 * (registry.create('schedule', 'scale') as Scale).factor),
    });
    const registry = new PluginRegistry().register(scalePlugin, doubled);
    expect((registry.create('schedule', 'doubled') as Scale).factor).toBe(4);
  });
});

describe('plugin aliases (former ids)', () => {
  const renamed = definePlugin({
    kind: 'schedule',
    id: 'scaled',
    aliases: ['scale', 'old-scale'],
    description: 'renamed from scale',
    optionsSchema: scaleSchema,
    create: (options) => new Scale(options.factor),
  });

  it('resolves an old id to the renamed plugin, options and errors included', () => {
    const registry = new PluginRegistry().register(renamed);
    expect(registry.has('schedule', 'scale')).toBe(true);
    expect(registry.get('schedule', 'old-scale')).toBe(renamed);
    expect((registry.create('schedule', { id: 'scale', options: { factor: 3 } }) as Scale).factor).toBe(3);
    expect(() => registry.create('schedule', { id: 'scale', options: { factor: 0 } })).toThrow(
      /invalid options for schedule 'scale'/,
    );
  });

  it('lists each plugin once, under its current id; an unknown id names current ids only', () => {
    const registry = new PluginRegistry().register(renamed);
    expect(registry.list('schedule').map((d) => [d.id, d.aliases])).toEqual([['scaled', ['scale', 'old-scale']]]);
    expect(() => registry.create('schedule', 'nope')).toThrow(/registered schedule ids: scaled$/);
  });

  it('rejects an alias that another plugin of the kind uses as its id or alias', () => {
    expect(() => new PluginRegistry().register(scalePlugin, renamed)).toThrow(
      /schedule plugin id 'scale' is registered twice \(by 'scale' and 'scaled'\)/,
    );
    const other = { ...renamed, id: 'other', aliases: ['old-scale'] };
    const registry = new PluginRegistry().register(renamed);
    expect(() => registry.register(other)).toThrow(/'old-scale' is registered twice/);
    expect(registry.list('schedule')).toHaveLength(1);
  });
});

describe('parsePluginOptions', () => {
  it('fills defaults', () => {
    expect(parsePluginOptions(scaleSchema, undefined, { kind: 'schedule', id: 'scale' })).toEqual({ factor: 2 });
  });

  it('fails exactly as the registry does for the same options', () => {
    const registry = new PluginRegistry().register(scalePlugin);
    const viaRegistry = captureError(() => registry.create('schedule', { id: 'scale', options: { factor: -1 } }));
    const direct = captureError(() => parsePluginOptions(scaleSchema, { factor: -1 }, { kind: 'schedule', id: 'scale' }));
    expect(direct).toBeInstanceOf(ConfigError);
    expect(direct.message).toBe(viaRegistry.message);
    expect((direct as ConfigError).path).toBe('schedule.options.factor');
  });
});

function captureError(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('withOptions and classPlugin: a class whose options are its schema', () => {
  class Constant extends withOptions(scaleSchema, { kind: 'schedule', id: 'constant-test' }) {
    readonly kind = 'constant-test';
    learningRate(): number {
      return this.factor;
    }
  }
  const constantPlugin = classPlugin('schedule', 'constant-test', scaleSchema, Constant, { description: 'test' });

  it('fills the defaults into read-only fields', () => {
    expect(new Constant().factor).toBe(2);
    expect(new Constant({ factor: 3 }).learningRate()).toBe(3);
  });

  it('fails in the constructor exactly as the registry does for the same options', () => {
    const registry = new PluginRegistry().register(constantPlugin);
    const direct = captureError(() => new Constant({ factor: -1 }));
    const viaRegistry = captureError(() => registry.create('schedule', { id: 'constant-test', options: { factor: -1 } }));
    expect(direct).toBeInstanceOf(ConfigError);
    expect(direct.message).toBe(viaRegistry.message);
  });

  it('builds the class from the parsed options', () => {
    const registry = new PluginRegistry().register(constantPlugin);
    const built = registry.create('schedule', { id: 'constant-test', options: { factor: 4 } });
    expect(built).toBeInstanceOf(Constant);
    expect(built.learningRate({ step: 0, stepsPerEpoch: 1, totalSteps: 1 })).toBe(4);
    expect(constantPlugin.description).toBe('test');
  });
});
