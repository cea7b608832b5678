import { promises as fs } from 'fs';
import * as path from 'path';
import { runCli, type CliRun } from '../helpers/run-cli';
import { irisConfig, tempDir, writeFile } from '../helpers/tiny-config';

jest.setTimeout(180000);

/** Exactly one `contrastive: <reason>` line on stderr; returns the reason. */
function reason(run: CliRun): string {
  const lines = run.stderr.split('\n').filter((line) => line.startsWith('contrastive: '));
  expect(lines).toHaveLength(1);
  return lines[0].slice('contrastive: '.length);
}

/** Every file under `dir` with its bytes, to show a failed command changed nothing. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = (await fs.readFile(file)).toString('base64');
  }
  return files;
}

describe('contrastive train: the output folder is never clobbered', () => {
  let dir: string;
  let out: string;
  let config: string;
  beforeEach(async () => {
    dir = await tempDir();
    out = path.join(dir, 'run');
    config = await writeFile(dir, 'config.json', irisConfig(out));
  });

  it('refuses a non-empty folder that holds no run (exit 2) unless --force', async () => {
    await fs.mkdir(out);
    await fs.writeFile(path.join(out, 'thesis.tex'), 'precious');
    const refused = await runCli(['train', '--config', config, '--quiet', '--no-report']);
    expect(refused.code).toBe(2);
    expect(reason(refused)).toBe(
      `--out ${out} is not empty and holds no contrastive run (thesis.tex); pass --force to write into it anyway`,
    );
    expect(await fs.readdir(out)).toEqual(['thesis.tex']);

    const forced = await runCli(['train', '--config', config, '--quiet', '--no-report', '--force']);
    expect(forced.code).toBe(0);
    expect((await fs.readdir(out)).sort()).toEqual([
      'checkpoints',
      'config.json',
      'model',
      'results.json',
      'thesis.tex',
    ]);
    expect(await fs.readFile(path.join(out, 'thesis.tex'), 'utf8')).toBe('precious');
  });

  it('reruns into a run of the same config, refuses a run of another config (exit 2), names what differs', async () => {
    expect((await runCli(['train', '--config', config, '--quiet', '--no-report'])).code).toBe(0);
    expect((await runCli(['train', '--config', config, '--quiet', '--no-report'])).code).toBe(0);
    const before = await snapshot(out);
    const other = await runCli([
      'train',
      '--config',
      config,
      '--quiet',
      '--no-report',
      '--seed',
      '7',
      '--epochs',
      '5',
    ]);
    expect(other.code).toBe(2);
    expect(reason(other)).toBe(
      `--out ${out} holds a run of another config (it differs in pretrain.epochs, seed); ` +
        'pass --resume to continue that run, or --force to replace its results',
    );
    expect(await snapshot(out)).toEqual(before);
  });

  it('a config file written into --out that leaves settings at their defaults is the same run', async () => {
    const { strategy, loss, trainer, ...minimal } = irisConfig(out) as Record<string, unknown>;
    expect([strategy, loss, trainer].every((part) => part !== undefined)).toBe(true);
    await fs.mkdir(out);
    const inside = await writeFile(out, 'config.json', minimal);
    const run = await runCli(['train', '--config', inside, '--quiet', '--no-report']);
    expect(run.stderr.split('\n').filter((line) => line.startsWith('contrastive: '))).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('--out naming a file is a usage error (exit 2)', async () => {
    const file = await writeFile(dir, 'not-a-dir', 'x');
    const run = await runCli(['train', '--config', config, '--out', file, '--quiet']);
    expect(run.code).toBe(2);
    expect(reason(run)).toBe(`--out ${file} is a file, not a directory`);
  });

  it('removes what killed runs left: checkpoint staging folders and half-written outputs', async () => {
    await fs.mkdir(path.join(out, 'checkpoints', '.tmp-step-000000003-999-1'), { recursive: true });
    await fs.writeFile(path.join(out, 'checkpoints', '.tmp-step-000000003-999-1', 'tensors.bin'), 'partial');
    await fs.mkdir(path.join(out, '.staging-model-999-1'));
    await fs.writeFile(path.join(out, '.staging-results.json-999-1'), '{"half');
    await writeFile(out, 'config.json', JSON.parse(await fs.readFile(config, 'utf8')));
    // The stale staging folder is cleaned by the checkpoint store when --resume opens it.
    const run = await runCli(['train', '--config', config, '--quiet', '--no-report', '--resume']);
    expect(run.code).toBe(0);
    expect((await fs.readdir(out)).sort()).toEqual(['checkpoints', 'config.json', 'model', 'results.json']);
    expect((await fs.readdir(path.join(out, 'checkpoints'))).filter((e) => e.startsWith('.'))).toEqual([]);
  });

  it('--resume without a checkpoint says so (even with --quiet) and trains from step 0', async () => {
    const run = await runCli(['train', '--config', config, '--quiet', '--no-report', '--resume']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `contrastive: warning: --resume: no checkpoint in ${path.join(out, 'checkpoints')}, starting from step 0 of 8\n`,
    );
  });
});

describe('contrastive train --resume: damaged checkpoints and mismatched runs', () => {
  let dir: string;
  let out: string;
  let config: string;
  let results: Buffer;
  let weights: Buffer;
  const step = (n: number) => path.join(out, 'checkpoints', `step-${String(n).padStart(9, '0')}`);

  beforeEach(async () => {
    dir = await tempDir();
    out = path.join(dir, 'run');
    config = await writeFile(dir, 'config.json', irisConfig(out));
    expect((await runCli(['train', '--config', config, '--quiet', '--no-report'])).code).toBe(0);
    results = await fs.readFile(path.join(out, 'results.json'));
    weights = await fs.readFile(path.join(out, 'model', 'weights.bin'));
    // The two newest checkpoints are kept: the end of epochs 3 and 4.
    expect((await fs.readdir(path.join(out, 'checkpoints'))).sort()).toEqual([
      'LATEST',
      'step-000000006',
      'step-000000008',
    ]);
  });

  it('random bytes in the latest tensors.bin: reported by path, the run falls back to the previous checkpoint', async () => {
    const tensors = path.join(step(8), 'tensors.bin');
    const size = (await fs.stat(tensors)).size;
    await fs.writeFile(tensors, Buffer.from(Array.from({ length: size }, (_, i) => (i * 131 + 7) % 256)));
    const run = await runCli(['train', '--config', config, '--json', '--no-report', '--resume']);
    expect(run.code).toBe(0);
    const events = run.json();
    expect(events).toContainEqual({
      event: 'warning',
      message: `skipping damaged checkpoint ${step(8)}: tensors.bin fails its SHA-256 check`,
    });
    expect(events).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/^resuming from step 6 of 8/) }),
    );
    // Steps 7 and 8 are trained again, bit for bit as the first time.
    expect(await fs.readFile(path.join(out, 'model', 'weights.bin'))).toEqual(weights);
    const rerun = JSON.parse(await fs.readFile(path.join(out, 'results.json'), 'utf8'));
    expect(rerun.histories.contrastive.loss).toEqual(
      JSON.parse(results.toString()).histories.contrastive.loss,
    );
  });

  it('no intact checkpoint: exit 4 naming the damage, and model/ and results.json untouched', async () => {
    await fs.truncate(path.join(step(8), 'tensors.bin'), 10);
    await fs.writeFile(path.join(step(6), 'meta.json'), '{}');
    const run = await runCli(['train', '--config', config, '--quiet', '--no-report', '--resume']);
    expect(run.code).toBe(4);
    const stderr = run.stderr.split('\n').filter((line) => line !== '');
    expect(stderr[0]).toMatch(
      new RegExp(
        `^contrastive: warning: skipping damaged checkpoint ${step(8)}: tensors\\.bin has 10 bytes, \\d+ were written$`,
      ),
    );
    expect(stderr[1]).toMatch(
      new RegExp(
        `^contrastive: warning: skipping damaged checkpoint ${step(6)}: meta\\.json has 2 bytes, \\d+ were written$`,
      ),
    );
    expect(stderr[2]).toMatch(
      new RegExp(`^contrastive: ${path.join(out, 'checkpoints')}: no intact checkpoint: `),
    );
    expect(stderr).toHaveLength(3);
    expect(await fs.readFile(path.join(out, 'results.json'))).toEqual(results);
    expect(await fs.readFile(path.join(out, 'model', 'weights.bin'))).toEqual(weights);
  });

  it('a LATEST pointing at a missing folder falls back to the newest checkpoint present', async () => {
    await fs.writeFile(path.join(out, 'checkpoints', 'LATEST'), 'step-000000099');
    const run = await runCli(['train', '--config', config, '--json', '--no-report', '--resume']);
    expect(run.code).toBe(0);
    expect(run.json()).toContainEqual(
      expect.objectContaining({
        event: 'warning',
        message: expect.stringContaining('LATEST: names "step-000000099"'),
      }),
    );
    expect(run.json()).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/^resuming from step 8 of 8/) }),
    );
  });

  it('a budget below the checkpoint is refused with exit 3 and one line', async () => {
    const run = await runCli([
      'train',
      '--config',
      config,
      '--quiet',
      '--no-report',
      '--resume',
      '--epochs',
      '2',
    ]);
    expect(run.code).toBe(3);
    expect(reason(run)).toBe(
      "cannot resume: the checkpoint is at step 8, past this run's budget of 4 steps (2 epochs x 2 steps); " +
        'resume with at least the budget it was written with',
    );
    expect(await fs.readFile(path.join(out, 'results.json'))).toEqual(results);
  });

  it('a larger budget continues the run and says from where', async () => {
    const run = await runCli([
      'train',
      '--config',
      config,
      '--json',
      '--no-report',
      '--resume',
      '--epochs',
      '5',
    ]);
    expect(run.code).toBe(0);
    expect(run.json()).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/^resuming from step 8 of 10/) }),
    );
    const rerun = JSON.parse(await fs.readFile(path.join(out, 'results.json'), 'utf8'));
    expect(rerun.histories.contrastive.epochLoss).toHaveLength(5);
  });

  it.each([
    [
      'another optimizer',
      { optimizer: { id: 'adam', options: {} } },
      /different optimizer\.id, optimizer\.options\.momentum/,
    ],
    [
      'another architecture',
      { encoder: { id: 'mlp', options: { widths: [8] } } },
      /different encoder\.options\.widths/,
    ],
  ])('%s is refused with exit 3 and one line', async (_what, change, message) => {
    const other = await writeFile(dir, 'other.json', irisConfig(out, change));
    const run = await runCli(['train', '--config', other, '--quiet', '--no-report', '--resume']);
    expect(run.code).toBe(3);
    expect(reason(run)).toMatch(message);
    expect(await fs.readFile(path.join(out, 'results.json'))).toEqual(results);
  });
});
