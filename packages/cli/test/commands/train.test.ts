import { promises as fs } from 'fs';
import * as path from 'path';
import { runCli, type CliRun } from '../helpers/run-cli';
import { tempDir, tinyConfig, writeFile } from '../helpers/tiny-config';

jest.setTimeout(120000);

describe('contrastive train', () => {
  let dir: string;
  let out: string;
  let pretty: CliRun;

  beforeAll(async () => {
    dir = await tempDir();
    out = path.join(dir, 'run');
    const config = await writeFile(dir, 'config.json', tinyConfig(out));
    pretty = await runCli(['train', '--config', config]);
  });

  it('prints the score table of the three encoders and where the report is', () => {
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toContain('backend: cpu');
    expect(pretty.stdout).toMatch(/encoder\s+linear probe\s+kNN/);
    for (const row of ['supcon (in-batch)', 'random encoder', 'cross-entropy'])
      expect(pretty.stdout).toContain(row);
    expect(pretty.stdout).toContain(`report written to ${path.resolve(out, 'report.html')}`);
    // progress and info lines go to stderr, keeping stdout for results.
    expect(pretty.stderr).toContain('dataset fashion-mnist');
    expect(pretty.stderr).toContain('pretraining');
  });

  it('writes report.html, results.json and the model directory', async () => {
    const html = await fs.readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    const results = JSON.parse(await fs.readFile(path.join(out, 'results.json'), 'utf8'));
    expect(results.scores.map((s: { encoder: string }) => s.encoder)).toEqual([
      'supcon (in-batch)',
      'random encoder',
      'cross-entropy',
    ]);
    expect(results.histories.contrastive.loss).toHaveLength(1);
    expect(results.projection.points).toHaveLength(2 * results.projection.labels.length);
    await expect(fs.access(path.join(out, 'model', 'model.json'))).resolves.toBeUndefined();
  });

  it('--json prints one parseable event per line, --quiet only the results', async () => {
    const config = await writeFile(dir, 'json.json', tinyConfig(path.join(dir, 'json-run')));
    const json = await runCli(['train', '--config', config, '--json', '--no-report']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    const events = json.json();
    const kinds = new Set(events.map((e) => e.event));
    expect(kinds).toEqual(new Set(['info', 'stage', 'step', 'result']));
    const step = events.find((e) => e.event === 'step')!;
    expect(step).toEqual(
      expect.objectContaining({
        step: expect.any(Number),
        loss: expect.any(Number),
        learningRate: expect.any(Number),
      }),
    );
    const result = events.find((e) => e.event === 'result')!;
    expect(result.backend).toBe('cpu');
    expect((result.scores as unknown[]).length).toBe(3);
    // --no-report: no report event and no file.
    expect(events.some((e) => e.event === 'result' && 'report' in e)).toBe(false);
    await expect(fs.access(path.join(dir, 'json-run', 'report.html'))).rejects.toThrow();

    const quiet = await runCli([
      'train',
      '--config',
      config,
      '--quiet',
      '--no-report',
      '--out',
      path.join(dir, 'quiet-run'),
    ]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout.split('\n')[0]).toBe('backend: cpu');
    expect(quiet.stdout).toContain('random encoder');
  });

  it('--max-steps-per-epoch caps each epoch; --max-steps is its deprecated alias, with a warning', async () => {
    // 100 training examples in batches of 20: 5 steps per epoch without a cap.
    const overrides = { pretrain: { epochs: 2, batchSize: 20, views: 2 } };
    const config = await writeFile(dir, 'capped.json', tinyConfig(path.join(dir, 'capped'), overrides));
    const capped = await runCli(['train', '--config', config, '--json', '--no-report', '--max-steps-per-epoch', '2']);
    expect(capped.code).toBe(0);
    expect(capped.json().filter((e) => e.event === 'stage')).toEqual([
      { event: 'stage', stage: 'pretraining', totalSteps: 4 },
      { event: 'stage', stage: 'cross-entropy', totalSteps: 4 },
    ]);
    expect(capped.json().some((e) => e.event === 'warning')).toBe(false);

    const old = await runCli(['train', '--config', config, '--quiet', '--no-report', '--max-steps', '3', '--out', path.join(dir, 'old-flag')]);
    expect(old.code).toBe(0);
    expect(old.stderr).toBe('contrastive: warning: --max-steps is deprecated (it caps steps per epoch): use --max-steps-per-epoch\n');
    const results = JSON.parse(await fs.readFile(path.join(dir, 'old-flag', 'results.json'), 'utf8'));
    expect(results.histories.contrastive.loss).toHaveLength(6);
  });
});
