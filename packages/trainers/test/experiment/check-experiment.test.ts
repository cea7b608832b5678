import { ConfigError } from '@contrastive/core';
import { DatasetError } from '@contrastive/datasets';
import { checkExperiment, experimentIdentity } from '../../src/experiment/check-experiment';
import { blobDataset, blobs, fullRegistry, tinyConfig } from '../support/fixtures';

/** The ConfigError `checkExperiment` throws for a config (blobs: 4 classes, 128 train examples). */
function configError(
  strategy: { id: string; options?: Record<string, unknown> },
  overrides = {},
): ConfigError {
  try {
    checkExperiment(tinyConfig(strategy, overrides), fullRegistry(), blobDataset());
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('checkExperiment accepted the config');
}

const triplet = { loss: { id: 'triplet', options: {} } };

describe('checkExperiment: impossible combinations fail before the first step', () => {
  it('accepts the working configs', () => {
    expect(() =>
      checkExperiment(tinyConfig({ id: 'in-batch' }), fullRegistry(), blobDataset()),
    ).not.toThrow();
    expect(() =>
      checkExperiment(tinyConfig({ id: 'moco', options: { queueSize: 64 } }), fullRegistry(), blobDataset()),
    ).not.toThrow();
  });

  it.each([
    ['moco', { id: 'moco', options: { queueSize: 64 } }],
    ['cross-batch-memory', { id: 'cross-batch-memory', options: { size: 64 } }],
    ['memory-bank', { id: 'memory-bank', options: { size: 128 } }],
  ])('triplet loss with %s', (id, strategy) => {
    expect(configError(strategy, triplet).message).toBe(
      `trainer 'contrastive': ${id}: the loss (TripletMarginLoss) has no computeWithReference(queries, queryLabels, reference); ` +
        "a memory strategy needs a reference loss such as 'ntxent' or 'supcon'",
    );
  });

  it('a batch larger than the training split', () => {
    const error = configError({ id: 'in-batch' }, { pretrain: { epochs: 1, batchSize: 500, views: 2 } });
    expect(error.message).toBe(
      'pretrain.batchSize: batchSize 500 is larger than the training split (128 examples)',
    );
    expect(error.path).toBe('pretrain.batchSize');
  });

  it('a batch size that is not a multiple of samplesPerClass', () => {
    const error = configError(
      { id: 'in-batch' },
      { pretrain: { epochs: 1, batchSize: 16, views: 2, samplesPerClass: 3 } },
    );
    expect(error.message).toMatch(/^pretrain\.samplesPerClass: batchSize 16 must be a multiple of m 3/);
  });

  it('a memory bank whose size is not the dataset size', () => {
    expect(configError({ id: 'memory-bank', options: { size: 100 } }).message).toBe(
      "trainer 'contrastive': memory-bank: options.size is 100 but the training set has 128 examples (one entry per example)",
    );
  });

  it('a memory too small for one step', () => {
    expect(configError({ id: 'cross-batch-memory', options: { size: 8 } }).message).toMatch(
      /cross-batch-memory: options\.size 8 is smaller than one step's 32 rows/,
    );
    expect(configError({ id: 'moco', options: { queueSize: 8 } }).message).toMatch(
      /moco: options\.queueSize 8 is smaller than one step's 16 keys/,
    );
  });

  it('a self-supervised run with one view (no positives: the loss would be flat)', () => {
    const error = configError(
      { id: 'in-batch' },
      {
        loss: { id: 'ntxent', options: {} },
        trainer: { id: 'contrastive', options: { supervised: false } },
        pretrain: { epochs: 1, batchSize: 16, views: 1 },
      },
    );
    expect(error.message).toMatch(
      /in-batch: a self-supervised run needs at least 2 views per sample \(pretrain\.views is 1\)/,
    );
    // Supervised, one view has positives (same-class samples) and is fine.
    expect(() =>
      checkExperiment(
        tinyConfig({ id: 'in-batch' }, { pretrain: { epochs: 1, batchSize: 16, views: 1 } }),
        fullRegistry(),
        blobDataset(),
      ),
    ).not.toThrow();
  });

  it('MoCo with one view', () => {
    expect(
      configError(
        { id: 'moco', options: { queueSize: 64 } },
        { pretrain: { epochs: 1, batchSize: 16, views: 1 } },
      ).message,
    ).toMatch(/moco: needs at least 2 views/);
  });

  it('a dataset with a single class is a DatasetError', () => {
    const one = blobs(1, 40, 8, 2);
    const dataset = { name: 'one', classNames: ['a'], train: one, test: one };
    expect(() => checkExperiment(tinyConfig({ id: 'in-batch' }), fullRegistry(), dataset)).toThrow(
      DatasetError,
    );
  });
});

describe('experimentIdentity', () => {
  it('keeps what a checkpoint depends on and drops the budget, probe, backend, name and output', () => {
    const config = tinyConfig({ id: 'in-batch' });
    const identity = experimentIdentity(config);
    expect(Object.keys(identity).sort()).toEqual(
      [
        'augment',
        'dataset',
        'encoder',
        'head',
        'loss',
        'optimizer',
        'pretrain',
        'schedule',
        'seed',
        'strategy',
        'trainer',
      ].sort(),
    );
    expect(identity.pretrain).toEqual({ batchSize: 16, views: 2 });
    expect(experimentIdentity({ ...config, pretrain: { ...config.pretrain, epochs: 9 } })).toEqual(identity);
  });
});
