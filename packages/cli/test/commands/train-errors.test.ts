import { promises as fs } from 'fs';
import * as path from 'path';
import { oneLine } from '../../src/commands/load-config';
import { runCli } from '../helpers/run-cli';
import { irisConfig, tempDir, tinyConfig, writeFile } from '../helpers/tiny-config';

/** The CLI's promise: a non-zero code and exactly one `contrastive: <reason>` line on stderr. */
function oneLineReason(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.startsWith('contrastive: '));
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe('contrastive train: bad config (exit 3)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });

  it('names a missing config file', async () => {
    const missing = path.join(dir, 'nope.json');
    const run = await runCli(['train', '--config', missing]);
    expect(run.code).toBe(3);
    expect(oneLineReason(run.stderr)).toBe(`contrastive: cannot read config ${missing}: ENOENT`);
  });

  it('rejects invalid JSON', async () => {
    const file = await writeFile(dir, 'broken.json', '{ "seed": 1,');
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(3);
    expect(oneLineReason(run.stderr)).toMatch(/^contrastive: config .*broken\.json is not valid JSON: /);
  });

  it('names an unknown top-level key', async () => {
    const file = await writeFile(dir, 'unknown.json', tinyConfig(path.join(dir, 'run'), { epochz: 3 }));
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(3);
    expect(oneLineReason(run.stderr)).toMatch(/epochz/);
  });

  it('names a bad value of the experiment schema by its path', async () => {
    const file = await writeFile(
      dir,
      'bad-value.json',
      tinyConfig(path.join(dir, 'run'), { pretrain: { epochs: -1, batchSize: 20 } }),
    );
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(3);
    expect(oneLineReason(run.stderr)).toMatch(/pretrain\.epochs/);
  });

  it('names a bad plugin option (checked by the plugin schema when it is built)', async () => {
    const file = await writeFile(
      dir,
      'bad-option.json',
      tinyConfig(path.join(dir, 'run'), { loss: { id: 'supcon', options: { temperature: -1 } } }),
    );
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(3);
    expect(oneLineReason(run.stderr)).toMatch(/temperature/);
  });

  it('names an unknown plugin id', async () => {
    const file = await writeFile(
      dir,
      'bad-id.json',
      tinyConfig(path.join(dir, 'run'), { strategy: { id: 'no-such-strategy', options: {} } }),
    );
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(3);
    expect(oneLineReason(run.stderr)).toMatch(/no-such-strategy/);
  });

  it('names a bad backend in the config file', async () => {
    const file = await writeFile(dir, 'gpu.json', tinyConfig(path.join(dir, 'run'), { backend: 'gpu' }));
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(3);
    expect(oneLineReason(run.stderr)).toMatch(/backend/);
  });

  it('reports config errors as a JSON error event with --json', async () => {
    const run = await runCli(['train', '--config', path.join(dir, 'nope.json'), '--json']);
    expect(run.code).toBe(3);
    expect(run.json()).toEqual([{ event: 'error', message: expect.stringContaining('cannot read config') }]);
  });
});

describe('contrastive train: missing data (exit 4)', () => {
  it('fails with a one-line reason when fashion-mnist points at an empty directory', async () => {
    const dir = await tempDir();
    const empty = path.join(dir, 'empty');
    await fs.mkdir(empty);
    const options = { dir: empty, cacheDir: empty, download: false, systemDirs: [] };
    const file = await writeFile(
      dir,
      'fmnist.json',
      tinyConfig(path.join(dir, 'run'), { dataset: { id: 'fashion-mnist', options } }),
    );
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(4);
    expect(oneLineReason(run.stderr)).toMatch(/^contrastive: cannot load dataset 'fashion-mnist': /);
  });
});

describe('contrastive train: incompatible combinations (exit 3 when the experiment is built)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });

  it.each([
    [
      'triplet with moco',
      { loss: { id: 'triplet', options: {} }, strategy: { id: 'moco', options: { queueSize: 64 } } },
      /^contrastive: trainer 'contrastive': moco: the loss \(TripletMarginLoss\) has no computeWithReference/,
    ],
    [
      'triplet with cross-batch-memory',
      { loss: { id: 'triplet', options: {} }, strategy: { id: 'cross-batch-memory', options: { size: 64 } } },
      /^contrastive: trainer 'contrastive': cross-batch-memory: the loss \(TripletMarginLoss\) has no computeWithReference/,
    ],
    [
      'a batch larger than the training split',
      { pretrain: { epochs: 1, batchSize: 500, views: 2 } },
      /^contrastive: pretrain\.batchSize: batchSize 500 is larger than the training split \(120 examples\)$/,
    ],
    [
      'a batch size that is not a multiple of samplesPerClass',
      { pretrain: { epochs: 1, batchSize: 30, views: 2, samplesPerClass: 4 } },
      /^contrastive: pretrain\.samplesPerClass: batchSize 30 must be a multiple of m 4/,
    ],
    [
      'a memory bank whose size is not the dataset size',
      { strategy: { id: 'memory-bank', options: { size: 150 } } },
      /^contrastive: trainer 'contrastive': memory-bank: options\.size is 150 but the training set has 120 examples/,
    ],
    [
      'views: 1 with self-supervised NT-Xent (no positives: the loss would stay 0)',
      {
        loss: { id: 'ntxent', options: {} },
        trainer: { id: 'contrastive', options: { supervised: false } },
        pretrain: { epochs: 1, batchSize: 30, views: 1 },
      },
      /^contrastive: trainer 'contrastive': in-batch: a self-supervised run needs at least 2 views per sample \(pretrain\.views is 1\)/,
    ],
  ])('%s', async (_what, change, message) => {
    const out = path.join(dir, 'never-written');
    const file = await writeFile(dir, 'incompatible.json', irisConfig(out, change));
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(3);
    expect(oneLineReason(run.stderr)).toMatch(message);
    // Refused before anything was written.
    await expect(fs.access(out)).rejects.toThrow();
  });
});

describe('contrastive train: unusable data (exit 4 at load, naming the file)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });

  /** An IDX file: uint8 values with the given dimensions. */
  const idx = (dims: number[], values: number[]) => {
    const header = Buffer.alloc(4 + 4 * dims.length);
    header[2] = 0x08;
    header[3] = dims.length;
    dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
    return Buffer.concat([header, Buffer.from(values)]);
  };

  it('a CSV with a single class', async () => {
    const csv = await writeFile(dir, 'one-class.csv', 'a,b,label\n' + '1,2,x\n'.repeat(20));
    const file = await writeFile(
      dir,
      'one-class.json',
      irisConfig(path.join(dir, 'csv-run'), { dataset: { id: 'csv', options: { path: csv } } }),
    );
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(4);
    expect(oneLineReason(run.stderr)).toBe(
      `contrastive: cannot load dataset 'csv': ${csv}: the training split has only one class ('x'): contrastive learning and its evaluation need at least 2`,
    );
  });

  it('an IDX label file with one stray label (200 among 0-9)', async () => {
    const labels = Array.from({ length: 40 }, (_, i) => i % 10);
    labels[17] = 200;
    const files = {
      trainImages: await writeFile(dir, 'train-images', idx([40, 2, 2], Array(160).fill(9))),
      trainLabels: await writeFile(dir, 'train-labels', idx([40], labels)),
      testImages: await writeFile(dir, 'test-images', idx([10, 2, 2], Array(40).fill(3))),
      testLabels: await writeFile(dir, 'test-labels', idx([10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])),
    };
    const options = {
      train: { images: files.trainImages, labels: files.trainLabels },
      test: { images: files.testImages, labels: files.testLabels },
    };
    const file = await writeFile(
      dir,
      'idx.json',
      tinyConfig(path.join(dir, 'idx-run'), { dataset: { id: 'idx', options } }),
    );
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(4);
    expect(oneLineReason(run.stderr)).toMatch(
      new RegExp(`^contrastive: cannot load dataset 'idx': ${files.trainLabels}: class ids 10\\.\\.199 never occur though labels run up to 200 \\(index 17\\)`),
    );
  });
});

describe('usage errors (exit 2)', () => {
  it.each([
    [['train', '--no-such-flag']],
    [['frobnicate']],
    [['train', '--epochs', 'zero']],
    [['train', '--epochs', '0']],
    [['eval']],
    [['embed', '--model', 'm']],
    [['train', '--backend', 'gpu']],
    [['train', '--seed', 'abc']],
    [['train', '--batch-size', '-4']],
    [['eval', '--model', 'm', '--backend', 'gpu']],
    [['embed', '--model', 'm', '--out', 'x.npy', '--backend', 'webgl']],
  ])('%j', async (args) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: /);
  });
});

describe('usage errors are reported once', () => {
  it('one line, without the help text around it', async () => {
    const run = await runCli(['train', '--no-such-flag']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("contrastive: error: unknown option '--no-such-flag' (see contrastive --help)\n");
  });

  it('as a JSON error event with --json', async () => {
    const run = await runCli(['train', '--json', '--epochs', 'zero']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    expect(run.json()).toEqual([
      {
        event: 'error',
        message: "error: option '--epochs <n>' argument 'zero' is invalid. expected a positive integer, got 'zero' (see contrastive --help)",
      },
    ]);
  });
});

describe('oneLine', () => {
  it('joins a multi-line config error into one line', () => {
    expect(oneLine('invalid experiment config:\n  seed: bad\n  pretrain.epochs: too small')).toBe(
      'invalid experiment config: seed: bad; pretrain.epochs: too small',
    );
  });
});
