import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ConfigError, PluginRegistry, definePlugin, z } from '@contrastive/core';
import { CrossBatchMemory, InBatch, MemoryBank, MoCo, memoryModule } from '../src';
import { RecordingLoss, unitRows } from './helpers';

beforeAll(() => tf.setBackend('cpu'));

function registry(): PluginRegistry {
  return new PluginRegistry().load(memoryModule).register(
    definePlugin({
      kind: 'loss',
      id: 'recording',
      description: 'test loss',
      optionsSchema: z.object({}).strict(),
      create: () => new RecordingLoss(),
    }),
    definePlugin({
      kind: 'loss',
      id: 'plain',
      description: 'a loss without computeWithReference',
      optionsSchema: z.object({}).strict(),
      create: () => ({ compute: () => tf.scalar(0) }),
    }),
  );
}

describe('memory plugins', () => {
  it('registers the four strategies under kind strategy', () => {
    expect(
      registry()
        .list('strategy')
        .map((p) => p.id),
    ).toEqual(['in-batch', 'cross-batch-memory', 'memory-bank', 'moco']);
  });

  it('builds each strategy by id, filling defaults', () => {
    const r = registry();
    const built = [
      r.create('strategy', 'in-batch'),
      r.create('strategy', { id: 'cross-batch-memory', options: { size: 64 } }),
      r.create('strategy', { id: 'memory-bank', options: { size: 100 } }),
      r.create('strategy', 'moco'),
    ];
    expect(built[0]).toBeInstanceOf(InBatch);
    expect(built[1]).toBeInstanceOf(CrossBatchMemory);
    expect((built[2] as MemoryBank).momentum).toBe(0.5);
    expect((built[2] as MemoryBank).negatives).toBe(4096);
    expect((built[3] as MoCo).queueSize).toBe(4096);
    expect((built[3] as MoCo).baseMomentum).toBe(0.999);
    expect(built.map((s) => s.needs)).toEqual([
      { views: false, indices: false },
      { views: false, indices: false },
      { views: false, indices: true },
      { views: true, indices: false, momentumModel: true },
    ]);
    built.forEach((s) => s.dispose());
  });

  it('reports bad options by path', () => {
    const r = registry();
    expect(() => r.create('strategy', { id: 'cross-batch-memory', options: {} })).toThrow(ConfigError);
    expect(() => r.create('strategy', { id: 'cross-batch-memory', options: {} })).toThrow(
      /strategy.options.size/,
    );
    expect(() => r.create('strategy', { id: 'memory-bank', options: { size: 10, momentum: 1 } })).toThrow(
      /strategy.options.momentum/,
    );
    expect(() => r.create('strategy', { id: 'moco', options: { schedule: 'linear' } })).toThrow(
      /strategy.options.schedule/,
    );
    expect(() => r.create('strategy', { id: 'moco', options: { queue: 5 } })).toThrow(/Unrecognized key/);
  });

  it('validates options with the class schema: new and a config fail alike, defaults fill in alike', () => {
    const r = registry();
    const bad = { size: 10, momentum: 1 };
    let fromConfig: unknown;
    let fromNew: unknown;
    try {
      r.create('strategy', { id: 'memory-bank', options: bad });
    } catch (error) {
      fromConfig = error;
    }
    try {
      new MemoryBank(undefined, bad);
    } catch (error) {
      fromNew = error;
    }
    expect(fromNew).toBeInstanceOf(ConfigError);
    expect((fromNew as ConfigError).message).toBe((fromConfig as ConfigError).message);
    expect((fromNew as ConfigError).path).toBe('strategy.options.momentum');
    const direct = new MoCo(undefined);
    const built = r.create('strategy', 'moco') as MoCo;
    expect([direct.queueSize, direct.baseMomentum, direct.schedule, direct.statistics]).toEqual([
      built.queueSize,
      built.baseMomentum,
      built.schedule,
      built.statistics,
    ]);
    [direct, built].forEach((s) => s.dispose());
  });

  it("builds the strategy's own loss from a loss ref, and refuses one without computeWithReference", () => {
    const r = registry();
    const memory = r.create('strategy', {
      id: 'cross-batch-memory',
      options: { size: 8, loss: 'recording' },
    });
    const e = unitRows([2, 3], 1);
    // no loss passed to loss(): the strategy uses its own
    tf.dispose(tf.tidy(() => memory.loss({ embeddings: e })));
    memory.update();
    expect(() => r.create('strategy', { id: 'moco', options: { loss: 'plain' } })).toThrow(
      /has no computeWithReference/,
    );
    e.dispose();
    memory.dispose();
  });
});
