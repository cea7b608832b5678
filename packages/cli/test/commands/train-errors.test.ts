import { promises as fs } from 'fs';
import * as path from 'path';
import { oneLine } from '../../src/commands/load-config';
import { runCli } from '../helpers/run-cli';
import { tempDir, tinyConfig, writeFile } from '../helpers/tiny-config';

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
    const file = await writeFile(dir, 'unknown.json', tinyConfig(dir, { epochz: 3 }));
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(3);
    expect(oneLineReason(run.stderr)).toMatch(/epochz/);
  });

  it('names a bad value of the experiment schema by its path', async () => {
    const file = await writeFile(
      dir,
      'bad-value.json',
      tinyConfig(dir, { pretrain: { epochs: -1, batchSize: 20 } }),
    );
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(3);
    expect(oneLineReason(run.stderr)).toMatch(/pretrain\.epochs/);
  });

  it('names a bad plugin option (checked by the plugin schema when it is built)', async () => {
    const file = await writeFile(
      dir,
      'bad-option.json',
      tinyConfig(dir, { loss: { id: 'supcon', options: { temperature: -1 } } }),
    );
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(3);
    expect(oneLineReason(run.stderr)).toMatch(/temperature/);
  });

  it('names an unknown plugin id', async () => {
    const file = await writeFile(
      dir,
      'bad-id.json',
      tinyConfig(dir, { strategy: { id: 'no-such-strategy', options: {} } }),
    );
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(3);
    expect(oneLineReason(run.stderr)).toMatch(/no-such-strategy/);
  });

  it('names a bad backend in the config file', async () => {
    const file = await writeFile(dir, 'gpu.json', tinyConfig(dir, { backend: 'gpu' }));
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
      tinyConfig(dir, { dataset: { id: 'fashion-mnist', options } }),
    );
    const run = await runCli(['train', '--config', file]);
    expect(run.code).toBe(4);
    expect(oneLineReason(run.stderr)).toMatch(/^contrastive: cannot load dataset 'fashion-mnist': /);
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
    [['embed', '--model', 'm', '--out', 'x.npy', '--backend', 'webgpu']],
  ])('%j', async (args) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: /);
  });
});

describe('oneLine', () => {
  it('joins a multi-line config error into one line', () => {
    expect(oneLine('invalid experiment config:\n  seed: bad\n  pretrain.epochs: too small')).toBe(
      'invalid experiment config: seed: bad; pretrain.epochs: too small',
    );
  });
});
