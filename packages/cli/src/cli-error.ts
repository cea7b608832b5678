/**
 * An expected failure (bad config, missing data, bad flag): the CLI prints its one-line
 * message and exits with `exitCode` instead of a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  config: 3,
  data: 4,
  interrupted: 130,
} as const;
