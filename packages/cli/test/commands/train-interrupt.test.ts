import { promises as fs } from 'fs';
import * as path from 'path';
import { runCli, type CliRun } from '../helpers/run-cli';
import { irisConfig, tempDir, writeFile } from '../helpers/tiny-config';

jest.setTimeout(180000);

/** Runs `train --json` and sends `signal` once, when the first stdout line matching `when` is printed. */
async function trainAndSignal(args: string[], when: RegExp, signal: 'SIGINT' | 'SIGTERM'): Promise<CliRun> {
  let sent = false;
  return runCli(['train', ...args, '--json', '--no-report'], {
    onStdout: (chunk) => {
      if (!sent && when.test(chunk)) {
        sent = true;
        process.emit(signal);
      }
    },
  });
}

describe('contrastive train: SIGINT / SIGTERM in every stage, and --resume', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });

  it('SIGINT in pre-training saves a checkpoint, exits 130, writes no results; --resume finishes the run', async () => {
    const out = path.join(dir, 'run');
    const config = await writeFile(dir, 'config.json', irisConfig(out));
    const interrupted = await trainAndSignal(['--config', config], /"event":"step"/, 'SIGINT');
    expect(interrupted.code).toBe(130);
    const events = interrupted.json();
    expect(events).toContainEqual(
      expect.objectContaining({
        event: 'info',
        message: expect.stringMatching(/^SIGINT: stopping after the current step/),
      }),
    );
    // The step in flight when the signal arrives is finished, then training stops before the end.
    const done = events.filter((e) => e.event === 'step').length;
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(8);
    const last = events.at(-1)!;
    expect(last).toEqual({
      event: 'result',
      interrupted: true,
      signal: 'SIGINT',
      stage: 'pre-training',
      checkpoint: path.join(out, 'checkpoints'),
      step: done,
      totalSteps: 8,
    });
    expect((await fs.readdir(path.join(out, 'checkpoints'))).some((e) => e.startsWith('step-'))).toBe(true);
    await expect(fs.access(path.join(out, 'results.json'))).rejects.toThrow();
    await expect(fs.access(path.join(out, 'model'))).rejects.toThrow();
    expect(process.listenerCount('SIGINT')).toBe(0);
    expect(process.listenerCount('SIGTERM')).toBe(0);

    const resumed = await runCli(['train', '--config', config, '--json', '--resume', '--no-report']);
    expect(resumed.code).toBe(0);
    const resumedEvents = resumed.json();
    expect(resumedEvents).toContainEqual(
      expect.objectContaining({
        event: 'info',
        message: `resuming from step ${done} of 8 (${path.join(out, 'checkpoints')})`,
      }),
    );
    const steps = resumedEvents.filter((e) => e.event === 'step');
    // Pre-training continues after the saved step (steps are 1-based), then the cross-entropy stage runs.
    expect(steps[0].step).toBe(done + 1);
    const results = JSON.parse(await fs.readFile(path.join(out, 'results.json'), 'utf8'));
    expect(results.histories.contrastive.loss).toHaveLength(8);
    expect(results.histories.contrastive.epochLoss).toHaveLength(4);
    expect(results.scores).toHaveLength(3);
  });

  it('SIGTERM in pre-training saves a checkpoint and exits 143', async () => {
    const out = path.join(dir, 'run');
    const config = await writeFile(dir, 'config.json', irisConfig(out));
    const run = await trainAndSignal(['--config', config], /"event":"step"/, 'SIGTERM');
    expect(run.code).toBe(143);
    expect(run.json().at(-1)).toEqual(expect.objectContaining({ signal: 'SIGTERM', stage: 'pre-training' }));
    expect((await fs.readdir(path.join(out, 'checkpoints'))).some((e) => e.startsWith('step-'))).toBe(true);
  });

  it.each([
    ['evaluation', /evaluating the contrastive encoder/, 'SIGINT', 130],
    ['cross-entropy baseline', /"stage":"cross-entropy"/, 'SIGTERM', 143],
  ] as const)(
    'a signal during the %s stops the run, leaves model/ and results.json as they were, and says what is saved',
    async (stage, when, signal, code) => {
      const out = path.join(dir, 'run');
      const config = await writeFile(dir, 'config.json', irisConfig(out));
      // A finished run of the same config: its model and results must survive the interrupted rerun.
      expect((await runCli(['train', '--config', config, '--quiet', '--no-report'])).code).toBe(0);
      const results = await fs.readFile(path.join(out, 'results.json'));
      const weights = await fs.readFile(path.join(out, 'model', 'weights.bin'));

      const run = await trainAndSignal(['--config', config], when, signal);
      expect(run.code).toBe(code);
      const last = run.json().at(-1)!;
      expect(last).toEqual(
        expect.objectContaining({ interrupted: true, signal, stage, step: 8, totalSteps: 8 }),
      );
      // The rerun was interrupted well before its natural end.
      if (stage === 'evaluation') expect(run.json().some((e) => e.stage === 'cross-entropy')).toBe(false);
      expect(await fs.readFile(path.join(out, 'results.json'))).toEqual(results);
      expect(await fs.readFile(path.join(out, 'model', 'weights.bin'))).toEqual(weights);

      const resumed = await runCli(['train', '--config', config, '--json', '--resume', '--no-report']);
      expect(resumed.code).toBe(0);
      expect(resumed.json()).toContainEqual(
        expect.objectContaining({ message: expect.stringMatching(/^resuming from step 8 of 8/) }),
      );
      // Nothing of pre-training is redone; the stages after it run again, to the same results.
      expect(
        resumed
          .json()
          .filter((e) => e.event === 'stage')
          .map((e) => e.stage),
      ).toEqual(['pretraining', 'cross-entropy']);
      const rerun = JSON.parse(await fs.readFile(path.join(out, 'results.json'), 'utf8'));
      expect(rerun.scores).toEqual(JSON.parse(results.toString()).scores);
    },
  );

  it('a signal after the results are saved skips only the report', async () => {
    const out = path.join(dir, 'run');
    const config = await writeFile(dir, 'config.json', irisConfig(out));
    let sent = false;
    const run = await runCli(['train', '--config', config, '--json'], {
      onStdout: (chunk) => {
        if (!sent && chunk.includes('"scores"')) {
          sent = true;
          process.emit('SIGINT');
        }
      },
    });
    expect(run.code).toBe(130);
    expect(run.json().at(-1)).toEqual(expect.objectContaining({ interrupted: true, signal: 'SIGINT', stage: 'report' }));
    await expect(fs.access(path.join(out, 'results.json'))).resolves.toBeUndefined();
    await expect(fs.access(path.join(out, 'model', 'weights.bin'))).resolves.toBeUndefined();
    await expect(fs.access(path.join(out, 'report.html'))).rejects.toThrow();
  });
});
