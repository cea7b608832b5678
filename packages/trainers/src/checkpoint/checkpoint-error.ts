/**
 * A checkpoint that cannot be used: damaged (checksum or size mismatch, unreadable metadata) or
 * missing. `location` names the folder or file so the user knows what to remove or restore.
 */
export class CheckpointError extends Error {
  constructor(
    message: string,
    /** The checkpoint file or folder at fault, when known. */
    readonly location?: string,
  ) {
    super(location ? `${location}: ${message}` : message);
    this.name = 'CheckpointError';
  }
}
