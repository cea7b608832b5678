import { promises as fs } from 'fs';
import * as path from 'path';
import { runCli } from '../helpers/run-cli';
import { tempDir, tinyConfig, writeFile } from '../helpers/tiny-config';

jest.setTimeout(120000);

describe('contrastive train: Ctrl-C and --resume', () => {
  it('saves a checkpoint on SIGINT, exits 130, and --resume finishes the run', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'run');
    const config = await writeFile(
      dir,
      'config.json',
      tinyConfig(out, { pretrain: { epochs: 2, batchSize: 20, views: 2, maxStepsPerEpoch: 2 } }),
    );

    // Press Ctrl-C once, right after the first pre-training step is reported.
    let sent = false;
    const interrupted = await runCli(['train', '--config', config, '--json'], {
      onStdout: (chunk) => {
        if (!sent && chunk.includes('"event":"step"')) {
          sent = true;
          process.emit('SIGINT');
        }
      },
    });
    expect(interrupted.code).toBe(130);
    const events = interrupted.json();
    expect(events).toContainEqual(
      expect.objectContaining({ event: 'info', message: expect.stringMatching(/^interrupt: /) }),
    );
    // The step in flight when Ctrl-C arrives is finished, then training stops before the end.
    const done = events.filter((e) => e.event === 'step').length;
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(4);
    expect(events.at(-1)).toEqual({
      event: 'result',
      interrupted: true,
      checkpoint: path.join(out, 'checkpoints'),
    });
    expect((await fs.readdir(path.join(out, 'checkpoints'))).length).toBeGreaterThan(0);
    const partial = JSON.parse(await fs.readFile(path.join(out, 'results.json'), 'utf8'));
    expect(partial.interrupted).toBe(true);
    expect(partial.histories.contrastive.loss).toHaveLength(done);
    expect(process.listenerCount('SIGINT')).toBe(0);

    const resumed = await runCli(['train', '--config', config, '--json', '--resume', '--no-report']);
    expect(resumed.code).toBe(0);
    const steps = resumed.json().filter((e) => e.event === 'step' && typeof e.step === 'number');
    // Pre-training continues after the saved step (steps are 1-based), then the cross-entropy stage runs.
    expect(steps[0].step).toBe(done + 1);
    const results = JSON.parse(await fs.readFile(path.join(out, 'results.json'), 'utf8'));
    expect(results.interrupted).toBe(false);
    expect(results.histories.contrastive.loss).toHaveLength(4);
    expect(results.histories.contrastive.loss[0]).toBeCloseTo(partial.histories.contrastive.loss[0], 6);
    expect(results.scores).toHaveLength(3);
  });
});
