/** A user-facing configuration problem; `path` names the offending field, e.g. `loss.options.temperature`. */
export class ConfigError extends Error {
  constructor(
    message: string,
    /** Dotted path of the bad setting (`loss.options.temperature`), empty when the error is not about one. */
    readonly path: string = '',
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
