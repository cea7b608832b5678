import { tf } from './setup';
import { ConfigError, PluginRegistry, type PluginRef } from '@contrastive/core';
import {
  BarlowTwinsLoss,
  ContrastivePairLoss,
  DCLLoss,
  DCLWLoss,
  MultiSimilarityLoss,
  MultiSimilarityMiner,
  NTXentLoss,
  SupConLoss,
  TripletMarginLoss,
  VICRegLoss,
  lossesModule,
  type ContrastiveLoss,
} from '../src';

const registry = new PluginRegistry().load(lossesModule);

/** Builds a loss from a config ref and checks its class, so a test may read that class's own fields. */
function build<T extends ContrastiveLoss>(Class: abstract new (...args: never[]) => T, ref: PluginRef | string): T {
  const loss = registry.create('loss', ref);
  expect(loss).toBeInstanceOf(Class);
  return loss as T;
}

describe('loss plugins', () => {

  it('registers the losses that fit the contrastive trainer', () => {
    expect(registry.list('loss').map((p) => p.id).sort()).toEqual([
      'barlow-twins',
      'contrastive-pair',
      'dcl',
      'dclw',
      'multi-similarity',
      'ntxent',
      'supcon',
      'supcon-in',
      'triplet',
      'vicreg',
    ]);
  });

  it('builds each loss with defaults and with options', () => {
    const supcon = build(SupConLoss, 'supcon');
    expect([supcon.temperature, supcon.baseTemperature, supcon.variant, supcon.contrastMode]).toEqual([0.07, 0.07, 'out', 'all']);
    const supconIn = build(SupConLoss, { id: 'supcon-in', options: { temperature: 0.1, baseTemperature: 0.1 } });
    expect([supconIn.variant, supconIn.temperature, supconIn.baseTemperature]).toEqual(['in', 0.1, 0.1]);
    const ntxent = build(NTXentLoss, { id: 'ntxent', options: { temperature: 0.5 } });
    expect(ntxent.temperature).toBe(0.5);
    const triplet = build(TripletMarginLoss, { id: 'triplet', options: { mining: 'batch-hard', margin: 0.2 } });
    expect([triplet.mining, triplet.margin, triplet.distance]).toEqual(['batch-hard', 0.2, 'euclidean']);
  });

  it('rejects unknown or bad options naming the field', () => {
    expect(() => registry.create('loss', { id: 'supcon', options: { temprature: 0.1 } })).toThrow(ConfigError);
    expect(() => registry.create('loss', { id: 'ntxent', options: { temperature: 0 } })).toThrow(/temperature/);
    expect(() => registry.create('loss', { id: 'triplet', options: { mining: 'hardest' } })).toThrow(/mining/);
  });

  it('plugin losses compute', () => {
    const loss = registry.create('loss', 'supcon');
    const x = tf.tidy(() => {
      const r = tf.randomNormal([4, 2, 8], 0, 1, 'float32', 1);
      return tf.div(r, tf.norm(r, 'euclidean', -1, true));
    });
    const value = loss.compute(x);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    tf.dispose([x, value]);
  });
});

describe('plugins with their schema beside the class (Barlow Twins, VICReg, DCL, DCLW, contrastive pair, multi-similarity)', () => {

  it('build with the reference defaults', () => {
    expect(build(BarlowTwinsLoss, 'barlow-twins').lambda).toBe(0.005);
    const vicreg = build(VICRegLoss, 'vicreg');
    expect([vicreg.lambda, vicreg.mu, vicreg.nu, vicreg.eps]).toEqual([25, 25, 1, 1e-4]);
    expect(build(DCLLoss, 'dcl').temperature).toBe(0.1);
    const dclw = build(DCLWLoss, 'dclw');
    expect([dclw.temperature, dclw.sigma]).toEqual([0.1, 0.5]);
    const pair = build(ContrastivePairLoss, 'contrastive-pair');
    expect([pair.posMargin, pair.negMargin, pair.distance]).toEqual([0, 1, 'euclidean']);
    const ms = build(MultiSimilarityLoss, 'multi-similarity');
    expect([ms.alpha, ms.beta, ms.base, ms.miner]).toEqual([2, 50, 0.5, undefined]);
  });

  it('a config selects the multi-similarity miner by its options', () => {
    const ms = build(MultiSimilarityLoss, { id: 'multi-similarity', options: { miner: { epsilon: 0.2 } } });
    expect(ms.miner).toBeInstanceOf(MultiSimilarityMiner);
    expect(ms.miner?.epsilon).toBe(0.2);
    const defaults = build(MultiSimilarityLoss, { id: 'multi-similarity', options: { miner: {} } });
    expect(defaults.miner?.epsilon).toBe(0.1);
  });

  it('rejects bad config options naming the field', () => {
    expect(() => registry.create('loss', { id: 'dcl', options: { temperature: 0 } })).toThrow(ConfigError);
    expect(() => registry.create('loss', { id: 'dclw', options: { sigma: -1 } })).toThrow(/loss\.options\.sigma/);
    expect(() => registry.create('loss', { id: 'vicreg', options: { lamda: 1 } })).toThrow(/lamda/);
    expect(() => registry.create('loss', { id: 'contrastive-pair', options: { distance: 'l1' } })).toThrow(/loss\.options\.distance/);
    expect(() => registry.create('loss', { id: 'multi-similarity', options: { miner: { epsilon: -1 } } })).toThrow(/miner/);
  });

  it('new SupConLoss(bad options) fails exactly as a config with them does', () => {
    const message = (action: () => unknown) => {
      try {
        action();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('expected an error');
    };
    const direct = message(() => new SupConLoss({ temperature: -1 }));
    expect(direct).toBe(message(() => registry.create('loss', { id: 'supcon', options: { temperature: -1 } })));
    expect(direct).toMatch(/^invalid options for loss 'supcon':\n {2}loss\.options\.temperature: /);
  });

  it('the classes validate with the same schema, naming the field', () => {
    expect(() => new DCLLoss({ temperature: 0 })).toThrow(/invalid options for loss 'dcl':\n {2}loss\.options\.temperature/);
    expect(() => new BarlowTwinsLoss({ lambda: -1 })).toThrow(/options\.lambda/);
    expect(() => new VICRegLoss({ eps: 0 })).toThrow(/options\.eps/);
    expect(() => new ContrastivePairLoss({ distance: 'l1' as never })).toThrow(/options\.distance/);
    expect(() => new MultiSimilarityMiner({ epsilon: Number.NaN })).toThrow(/loss\.options\.miner\.epsilon/);
    expect(() => new DCLWLoss({ temprature: 0.1 } as never)).toThrow(/temprature/);
  });

  it('two-view losses take the in-batch strategy\'s [B, 2, D]; pair losses its flattened rows and labels', () => {
    const views = tf.randomNormal([6, 2, 8], 0, 1, 'float32', 3);
    for (const id of ['barlow-twins', 'vicreg', 'dcl', 'dclw']) {
      const loss = registry.create('loss', id);
      expect(loss.acceptsViews).toBe(true);
      const value = loss.compute(views);
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      value.dispose();
    }
    const rows = tf.reshape(views, [12, 8]);
    const labels = tf.tensor1d([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], 'int32');
    for (const id of ['contrastive-pair', 'multi-similarity']) {
      const loss = registry.create('loss', id);
      expect(loss.acceptsViews).toBeUndefined();
      const value = loss.compute(rows, { labels });
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      value.dispose();
    }
    tf.dispose([views, rows, labels]);
  });
});
