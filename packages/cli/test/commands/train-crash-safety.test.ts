import { spawn } from 'child_process';
import * as fc from 'fast-check';
import { promises as fs } from 'fs';
import * as path from 'path';
import { runCli } from '../helpers/run-cli';
import { irisConfig, tempDir, writeFile } from '../helpers/tiny-config';

// Crash safety as a property: whatever point a run is stopped at (a signal, a second signal that
// quits at once, a real SIGKILL), `--resume` ends with the results.json and model weights of an
// uninterrupted run. A few dozen tiny Iris runs; CONTRASTIVE_CRASH_RUNS raises the in-process count.
const IN_PROCESS_RUNS = Number(process.env.CONTRASTIVE_CRASH_RUNS ?? 12);
const PROCESS_KILLS = 3;

jest.setTimeout(900000);

class Killed extends Error {}

/** results.json without what legitimately differs between runs: timings and the output folder. */
function comparable(results: Record<string, unknown>): unknown {
  const copy = JSON.parse(JSON.stringify(results));
  delete copy.timings;
  delete copy.config.output;
  for (const history of Object.values(copy.histories) as Array<Record<string, unknown>>)
    delete history.elapsedMs;
  return copy;
}

/** Pre-training steps reported so far in a `--json` output. */
function stepEvents(jsonLines: string): number {
  return jsonLines.split('"event":"step"').length - 1;
}

async function outcome(out: string): Promise<{ results: unknown; weights: Buffer }> {
  return {
    results: comparable(JSON.parse(await fs.readFile(path.join(out, 'results.json'), 'utf8'))),
    weights: await fs.readFile(path.join(out, 'model', 'weights.bin')),
  };
}

describe('crash safety: interrupted at any point, --resume gives the uninterrupted run', () => {
  let dir: string;
  let config: string;
  let expected: { results: unknown; weights: Buffer };
  let events: number;
  let steps: number;

  /** `--resume` in `out` ends with the results and weights of the uninterrupted run. */
  async function expectResumeEqualsStraightRun(out: string): Promise<void> {
    const resumed = await runCli([
      'train',
      '--config',
      config,
      '--out',
      out,
      '--resume',
      '--quiet',
      '--no-report',
    ]);
    expect(resumed.code).toBe(0);
    const actual = await outcome(out);
    expect(actual.results).toEqual(expected.results);
    expect(actual.weights.equals(expected.weights)).toBe(true);
  }

  beforeAll(async () => {
    dir = await tempDir();
    config = await writeFile(dir, 'config.json', irisConfig(path.join(dir, 'straight')));
    const straight = await runCli(['train', '--config', config, '--json', '--no-report']);
    expect(straight.code).toBe(0);
    events = straight.json().length;
    steps = stepEvents(straight.stdout);
    expect(steps).toBeGreaterThan(2);
    expected = await outcome(path.join(dir, 'straight'));
  });

  it(`in process: ${IN_PROCESS_RUNS} runs stopped after a random output event, by SIGINT, SIGTERM or a second signal`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: events }),
        fc.constantFrom('SIGINT', 'SIGTERM', 'quit-at-once'),
        async (stopAt, how) => {
          const out = path.join(dir, `in-process-${run++}`);
          const exit = jest.spyOn(process, 'exit').mockImplementation(() => {
            throw new Killed('the process would have exited here');
          });
          let seen = 0;
          try {
            const stopped = await runCli(
              ['train', '--config', config, '--out', out, '--json', '--no-report'],
              {
                onStdout: (chunk) => {
                  seen += chunk.split('\n').filter(Boolean).length;
                  if (seen !== stopAt) return;
                  process.emit(how === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
                  // A second signal ends the process at once: nothing more is saved.
                  if (how === 'quit-at-once') process.emit('SIGINT');
                },
              },
            );
            expect([0, 1, 130, 143]).toContain(stopped.code);
          } finally {
            exit.mockRestore();
          }
          expect(process.listenerCount('SIGINT')).toBe(0);
          await expectResumeEqualsStraightRun(out);
        },
      ),
      { numRuns: IN_PROCESS_RUNS },
    );
  });

  it('stopped inside the cross-entropy baseline: --resume continues its checkpoint, not step 0, to the straight run', async () => {
    const out = path.join(dir, 'in-baseline');
    let inBaseline = false;
    let baselineSteps = 0;
    const stopped = await runCli(['train', '--config', config, '--out', out, '--json', '--no-report'], {
      onStdout: (chunk) => {
        for (const line of chunk.split('\n').filter(Boolean)) {
          const event = JSON.parse(line) as { event: string; stage?: string };
          if (event.event === 'stage') inBaseline = event.stage === 'cross-entropy';
          if (inBaseline && event.event === 'step' && ++baselineSteps === 3) process.emit('SIGINT');
        }
      },
    });
    expect(stopped.code).toBe(130);
    const last = stopped.json().at(-1)!;
    // stopRequested is asked after each step, before it is reported: the 4th step is the last to run.
    expect(last).toEqual(
      expect.objectContaining({
        interrupted: true,
        stage: 'cross-entropy baseline',
        crossEntropy: { checkpoint: path.join(out, 'checkpoints', 'cross-entropy'), step: 4, totalSteps: 8 },
      }),
    );

    const resumed = await runCli(['train', '--config', config, '--out', out, '--resume', '--json', '--no-report']);
    expect(resumed.code).toBe(0);
    expect(resumed.json()).toContainEqual(
      expect.objectContaining({
        message: `resuming the cross-entropy baseline from step 4 of 8 (${path.join(out, 'checkpoints', 'cross-entropy')})`,
      }),
    );
    // Only the baseline's last 4 steps ran again.
    const stages = resumed.json().filter((e) => e.event === 'stage' || e.event === 'step');
    const baselineStart = stages.findIndex((e) => e.stage === 'cross-entropy');
    expect(stages.slice(baselineStart + 1).map((e) => e.step)).toEqual([5, 6, 7, 8]);
    const actual = await outcome(out);
    expect(actual.results).toEqual(expected.results);
    expect(actual.weights.equals(expected.weights)).toBe(true);
    // The baseline's checkpoints served their purpose once the run succeeded.
    expect((await fs.readdir(path.join(out, 'checkpoints'))).sort()).toEqual(['LATEST', 'step-000000006', 'step-000000008']);
  });

  it(`real processes: ${PROCESS_KILLS} runs killed with SIGKILL at a random moment`, async () => {
    const register = path.join(__dirname, '../helpers/ts-register.js');
    const bin = path.join(__dirname, '../../src/bin.ts');
    const endings: Array<NodeJS.Signals | number | null> = [];
    for (let i = 0; i < PROCESS_KILLS; i++) {
      const out = path.join(dir, `killed-${i}`);
      // A random pre-training step, then a random extra delay, so kills land inside steps, inside
      // checkpoint saves and, with the longer delays, in later stages. The step is never the last
      // one, and the first run adds no delay, so at least one kill lands mid-run however fast the
      // machine (a run that finished first would prove nothing).
      const killAfterStep = 1 + Math.floor(Math.random() * (steps - 1));
      const delayMs = i === 0 ? 0 : Math.floor(Math.random() * 400);
      const child = spawn(
        process.execPath,
        ['-r', register, bin, 'train', '--config', config, '--out', out, '--json', '--no-report'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.on('exit', (code, signal) => resolve(signal ?? code)),
      );
      let killScheduled = false;
      child.stdout.on('data', (data: Buffer) => {
        stdout += data.toString();
        if (!killScheduled && stepEvents(stdout) >= killAfterStep) {
          killScheduled = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      });
      const ended = await exited;
      expect([0, 'SIGKILL']).toContain(ended);
      if (i === 0) expect(ended).toBe('SIGKILL');
      endings.push(ended);
      await expectResumeEqualsStraightRun(out);
    }
    // The kills really landed mid-run (a run that finished first would prove nothing).
    expect(endings).toContain('SIGKILL');
  });
});
