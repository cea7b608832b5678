import { mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeDatasets } from '../../src/commands/datasets';
import { createDefaultRegistry } from '../../src/experiment/create-registry';
import { runCli } from '../helpers/run-cli';

describe('contrastive plugins', () => {
  it('lists every kind with ids and descriptions', async () => {
    const run = await runCli(['plugins']);
    expect(run.code).toBe(0);
    const rows = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/).slice(0, 2).join(' '));
    for (const row of [
      'loss supcon',
      'loss ntxent',
      'loss triplet',
      'encoder small-cnn',
      'head mlp',
      'augmentation simclr',
      'strategy in-batch',
      'strategy cross-batch-memory',
      'strategy memory-bank',
      'strategy moco',
      'optimizer sgd',
      'schedule warmup-cosine',
      'trainer contrastive',
      'dataset fashion-mnist-embedded',
      'dataset fashion-mnist',
    ]) {
      expect(rows).toContain(row);
    }
    expect(run.stdout).toMatch(/^encoder +small-cnn .*\(formerly seed-cnn\)$/m);
  });

  it('lists one kind only', async () => {
    const run = await runCli(['plugins', 'strategy']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.every((line) => line.startsWith('strategy '))).toBe(true);
    expect(lines.map((line) => line.split(/\s+/)[1]).sort()).toEqual([
      'cross-batch-memory',
      'in-batch',
      'memory-bank',
      'moco',
    ]);
  });

  it('exits 2 on an unknown kind, naming the valid kinds', async () => {
    const run = await runCli(['plugins', 'losses']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toMatch(/^contrastive: unknown plugin kind 'losses'; kinds: .*loss.*strategy/);
  });
});

describe('contrastive datasets', () => {
  it('lists dataset plugins and the Fashion-MNIST / MNIST search locations', async () => {
    const previous = process.env.CONTRASTIVE_FASHION_MNIST_DIR;
    process.env.CONTRASTIVE_FASHION_MNIST_DIR = '/somewhere/fmnist';
    try {
      const run = await runCli(['datasets']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^fashion-mnist-embedded\s+\S/m);
      expect(run.stdout).toMatch(/^iris\s+\S/m);
      expect(run.stdout).toContain('fashion-mnist: files are searched for in this order');
      expect(run.stdout).toContain('mnist: files are searched for in this order');
      expect(run.stdout).toContain('/somewhere/fmnist  ($CONTRASTIVE_FASHION_MNIST_DIR): missing 4 of 4 files');
      expect(run.stdout).toMatch(/\(cache\)/);
    } finally {
      if (previous === undefined) delete process.env.CONTRASTIVE_FASHION_MNIST_DIR;
      else process.env.CONTRASTIVE_FASHION_MNIST_DIR = previous;
    }
  });

  it('says where the files are present and whether download is enabled', () => {
    const fixtures = path.resolve(__dirname, '../../../datasets-node/test/fixtures/mnist-like');
    const empty = mkdtempSync(path.join(os.tmpdir(), 'contrastive-cache-'));
    const lines = describeDatasets(createDefaultRegistry(), {
      CONTRASTIVE_FASHION_MNIST_DIR: fixtures,
      CONTRASTIVE_CACHE_DIR: empty,
      CONTRASTIVE_OFFLINE: '1',
    });
    expect(lines).toContain(`  ${fixtures}  ($CONTRASTIVE_FASHION_MNIST_DIR): all 4 files present`);
    expect(lines).toContain('  download: disabled by CONTRASTIVE_OFFLINE');
    expect(lines).toContain(
      "  download: disabled by CONTRASTIVE_OFFLINE; 'mnist' will not load until its files are in one of these folders",
    );
    const online = describeDatasets(createDefaultRegistry(), { CONTRASTIVE_CACHE_DIR: empty });
    expect(online).toContain(`  download: enabled, into ${path.join(empty, 'mnist')} on first use`);
  });
});

describe('help', () => {
  it('--help lists every command and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['train', 'eval', 'embed', 'report', 'plugins', 'datasets'])
      expect(run.stdout).toContain(command);
  });
});
