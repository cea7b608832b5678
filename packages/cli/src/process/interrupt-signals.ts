import { setImmediate as nextTurn } from 'timers/promises';
import { EXIT } from '../cli-error';

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

const SIGNALS: InterruptSignal[] = ['SIGINT', 'SIGTERM'];

/** The conventional exit code of a process ended by a signal: 128 + its number. */
export function exitCodeOf(signal: InterruptSignal): number {
  return signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
}

/**
 * Ctrl-C (SIGINT) and SIGTERM while a command runs: the first one is recorded so the running
 * stage can stop at its next check and save what can be resumed; a second one ends the process
 * at once with 130 / 143.
 *
 * Node runs signal handlers on the event loop, which synchronous compute (a training step, a
 * probe) and chains of resolved promises never give back. `stopRequested()` therefore yields one
 * event-loop turn before answering: without it a signal arriving during a stage without file I/O
 * (evaluation, the cross-entropy baseline) would only be seen after the whole stage.
 */
export class InterruptSignals {
  private received: InterruptSignal | undefined;
  private readonly handlers = new Map<InterruptSignal, () => void>();

  constructor(
    private readonly onFirst: (signal: InterruptSignal) => void,
    private readonly exitNow: (code: number) => void = (code) => process.exit(code),
  ) {}

  install(): this {
    for (const signal of SIGNALS) {
      const handler = () => {
        if (this.received) {
          this.exitNow(exitCodeOf(signal));
          return;
        }
        this.received = signal;
        this.onFirst(signal);
      };
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
    return this;
  }

  dispose(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
    this.handlers.clear();
  }

  /** The first signal received, if any. */
  get signal(): InterruptSignal | undefined {
    return this.received;
  }

  /** Lets pending signal handlers run, then says whether a stop was requested. */
  async stopRequested(): Promise<boolean> {
    await nextTurn();
    return this.received !== undefined;
  }
}
