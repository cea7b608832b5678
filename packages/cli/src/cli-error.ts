/**
 * An expected failure (bad config, missing data, bad flag): the CLI prints its one-line
 * message and exits with `exitCode` instead of a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    /** Process exit code for this error. */
    readonly exitCode = 1,
    /** Already printed (usage errors are reported where commander raises them). */
    readonly reported = false,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit codes, documented in docs/cli.md and the README. */
export const EXIT = {
  ok: 0,
  failure: 1,
  /** A bad flag or argument, or an output path the command refuses to overwrite. */
  usage: 2,
  /** A config that cannot work: bad values, incompatible plugins, a checkpoint of another setup. */
  config: 3,
  /** Missing or unusable data, model or checkpoint. */
  data: 4,
  /** Stopped by SIGINT (Ctrl-C), 128 + 2. */
  interrupted: 130,
  /** Stopped by SIGTERM, 128 + 15. */
  terminated: 143,
} as const;
