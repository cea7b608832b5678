import { tf } from './setup';
import { ConfigError, PluginRegistry } from '@contrastive/core';
import { NTXentLoss, SupConLoss, TripletMarginLoss, lossesModule } from '../src';

describe('loss plugins', () => {
  const registry = new PluginRegistry().load(lossesModule);

  it('registers supcon, supcon-in, ntxent and triplet', () => {
    expect(registry.list('loss').map((p) => p.id).sort()).toEqual(['ntxent', 'supcon', 'supcon-in', 'triplet']);
  });

  it('builds each loss with defaults and with options', () => {
    const supcon = registry.create<SupConLoss>('loss', 'supcon');
    expect(supcon).toBeInstanceOf(SupConLoss);
    expect([supcon.temperature, supcon.baseTemperature, supcon.variant, supcon.contrastMode]).toEqual([0.07, 0.07, 'out', 'all']);
    const supconIn = registry.create<SupConLoss>('loss', { id: 'supcon-in', options: { temperature: 0.1, baseTemperature: 0.1 } });
    expect([supconIn.variant, supconIn.temperature, supconIn.baseTemperature]).toEqual(['in', 0.1, 0.1]);
    const ntxent = registry.create<NTXentLoss>('loss', { id: 'ntxent', options: { temperature: 0.5 } });
    expect(ntxent).toBeInstanceOf(NTXentLoss);
    expect(ntxent.temperature).toBe(0.5);
    const triplet = registry.create<TripletMarginLoss>('loss', { id: 'triplet', options: { mining: 'batch-hard', margin: 0.2 } });
    expect([triplet.mining, triplet.margin, triplet.distance]).toEqual(['batch-hard', 0.2, 'euclidean']);
  });

  it('rejects unknown or bad options naming the field', () => {
    expect(() => registry.create('loss', { id: 'supcon', options: { temprature: 0.1 } })).toThrow(ConfigError);
    expect(() => registry.create('loss', { id: 'ntxent', options: { temperature: 0 } })).toThrow(/temperature/);
    expect(() => registry.create('loss', { id: 'triplet', options: { mining: 'hardest' } })).toThrow(/mining/);
  });

  it('plugin losses compute', () => {
    const loss = registry.create<SupConLoss>('loss', 'supcon');
    const x = tf.tidy(() => {
      const r = tf.randomNormal([4, 2, 8], 0, 1, 'float32', 1);
      return tf.div(r, tf.norm(r, 'euclidean', -1, true));
    });
    const value = loss.compute(x);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    tf.dispose([x, value]);
  });
});
