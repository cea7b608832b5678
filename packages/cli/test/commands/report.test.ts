import { promises as fs } from 'fs';
import * as path from 'path';
import { runCli } from '../helpers/run-cli';
import { tempDir, writeFile } from '../helpers/tiny-config';

jest.setTimeout(60000);

/** A results.json as train writes it, small enough to render quickly. */
function results(): Record<string, unknown> {
  const score = (encoder: string, value: number) => ({
    encoder,
    linearProbe: value,
    knn: value,
    precisionAt1: value,
    mapAtR: value / 2,
    nmi: value,
    ami: value,
  });
  return {
    config: { name: 'from-results' },
    backend: 'cpu',
    dataset: { name: 'toy', classNames: ['a', 'b'], train: 4, test: 4 },
    timings: { pretraining: 1.5 },
    histories: {
      contrastive: { loss: [2, 1.5, 1.2], learningRate: [0.1, 0.05, 0.01] },
      crossEntropy: { loss: [0.7, 0.5, 0.4], learningRate: [0.1, 0.05, 0.01] },
    },
    scores: [score('supcon (in-batch)', 0.9), score('random encoder', 0.5), score('cross-entropy', 0.85)],
    projection: { method: 'tsne', points: [0, 0, 1, 1, 5, 5, 6, 6], labels: [0, 0, 1, 1] },
    interrupted: false,
  };
}

describe('contrastive report', () => {
  it('rebuilds report.html and the plot files from results.json', async () => {
    const dir = await tempDir();
    await writeFile(dir, 'results.json', results());
    const run = await runCli(['report', '--run', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`report written to ${path.resolve(dir, 'report.html')}`);
    const html = await fs.readFile(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('contrastive: from-results');
    expect(html).toContain('supcon (in-batch)');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
    const files = await fs.readdir(dir);
    expect(files.some((f) => f.startsWith('embedding-2d'))).toBe(true);
    expect(files.some((f) => f.startsWith('probe-accuracy'))).toBe(true);
  });

  it('--json reports the path as a result event', async () => {
    const dir = await tempDir();
    await writeFile(dir, 'results.json', results());
    const run = await runCli(['report', '-r', dir, '--json']);
    expect(run.code).toBe(0);
    expect(run.json().filter((e) => e.event === 'result')).toEqual([
      { event: 'result', report: path.resolve(dir, 'report.html') },
    ]);
  });

  it('exits 4 when results.json is missing', async () => {
    const dir = await tempDir();
    const run = await runCli(['report', '--run', dir]);
    expect(run.code).toBe(4);
    expect(run.stderr.trim()).toBe(`contrastive: cannot read ${path.join(dir, 'results.json')}: not found`);
  });

  it('exits 4 when results.json is not JSON', async () => {
    const dir = await tempDir();
    await writeFile(dir, 'results.json', '{"scores": [');
    const run = await runCli(['report', '--run', dir]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^contrastive: cannot read .*results\.json: .*JSON/);
  });

  it('exits 4 when results.json is JSON but not a results file', async () => {
    const dir = await tempDir();
    await writeFile(dir, 'results.json', { name: 'something else' });
    const run = await runCli(['report', '--run', dir]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/is not a results file written by 'contrastive train'/);
  });

  it('requires --run (exit 2)', async () => {
    const run = await runCli(['report']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/required option '-r, --run <dir>'/);
  });
});
