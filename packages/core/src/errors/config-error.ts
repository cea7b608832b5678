/** A user-facing configuration problem; `path` names the offending field, e.g. `loss.options.temperature`. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly path: string = '',
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
