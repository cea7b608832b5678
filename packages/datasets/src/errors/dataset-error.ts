/**
 * A problem with dataset input: a corrupt, truncated or inconsistent file, an empty folder, an
 * unreadable image. `source` names the file (or in-memory source) so the user knows what to fix.
 */
export class DatasetError extends Error {
  constructor(
    message: string,
    /** The file or URL the bad data came from, when known. */
    readonly source?: string,
  ) {
    super(source ? `${source}: ${message}` : message);
    this.name = 'DatasetError';
  }
}
