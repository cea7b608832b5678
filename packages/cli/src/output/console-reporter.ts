import { SingleBar, Presets } from 'cli-progress';
import type { ProgressUpdate } from '@contrastive/trainers';

/** How the CLI prints: progress bars, errors only, or JSON lines. */
export type OutputMode = 'pretty' | 'quiet' | 'json';

/**
 * Where the CLI's human and machine output goes. `pretty` draws a cli-progress bar per stage
 * (on stderr, so stdout stays clean for tables), `json` prints one JSON object per event on
 * stdout, `quiet` prints only the final table and errors.
 */
export class ConsoleReporter {
  private bar: SingleBar | undefined;

  constructor(
    /** How it prints. */
    readonly mode: OutputMode,
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly err: NodeJS.WritableStream = process.stderr,
  ) {}

  /** Prints a message (a JSON line with `fields` in json mode). */
  info(message: string, fields: Record<string, unknown> = {}): void {
    if (this.mode === 'json') this.json({ event: 'info', message, ...fields });
    else if (this.mode === 'pretty') this.err.write(`${message}\n`);
  }

  /** Something the user must know even with --quiet (a damaged checkpoint skipped, nothing to resume). */
  warn(message: string, fields: Record<string, unknown> = {}): void {
    if (this.mode === 'json') {
      this.json({ event: 'warning', message, ...fields });
      return;
    }
    this.stopStage();
    this.err.write(`contrastive: warning: ${message}\n`);
  }

  /** Always shown (tables, the report path): on stdout in pretty/quiet, as an event in json. */
  result(text: string, fields: Record<string, unknown> = {}): void {
    if (this.mode === 'json') this.json({ event: 'result', ...fields });
    else this.out.write(`${text}\n`);
  }

  /** Starts a progress bar for a stage of `totalSteps`. */
  startStage(name: string, totalSteps: number): void {
    this.stopStage();
    if (this.mode === 'json') {
      this.json({ event: 'stage', stage: name, totalSteps });
      return;
    }
    if (this.mode === 'quiet') return;
    this.bar = new SingleBar(
      {
        format: `${name.padEnd(14)} {bar} {value}/{total} | loss {loss} | lr {lr} | {rate} steps/s | ETA {eta_formatted}`,
        stream: this.err,
        hideCursor: false,
        clearOnComplete: false,
        noTTYOutput: true,
        notTTYSchedule: 5000,
      },
      Presets.shades_classic,
    );
    this.bar.start(totalSteps, 0, { loss: '-', lr: '-', rate: '-' });
  }

  /** Advances the stage's progress. */
  progress(update: ProgressUpdate): void {
    if (this.mode === 'json') {
      this.json({
        event: 'step',
        ...update,
        etaSeconds: Number.isFinite(update.etaSeconds) ? update.etaSeconds : null,
      });
      return;
    }
    this.bar?.update(update.step, {
      loss: update.loss.toFixed(4),
      lr: update.learningRate.toExponential(2),
      rate: update.stepsPerSecond.toFixed(2),
    });
  }

  /** Ends the stage's progress bar. */
  stopStage(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  /** Prints an error (in every mode). */
  error(message: string): void {
    this.stopStage();
    if (this.mode === 'json') this.json({ event: 'error', message });
    else this.err.write(`contrastive: ${message}\n`);
  }

  private json(record: Record<string, unknown>): void {
    this.out.write(`${JSON.stringify(record)}\n`);
  }
}
