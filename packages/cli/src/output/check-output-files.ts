import { promises as fs } from 'fs';
import { CliError, EXIT } from '../cli-error';

/**
 * Refuses (exit 2) an output file path that is a directory, or that exists without `--force`:
 * commands never overwrite a user's files unasked.
 */
export async function checkOutputFiles(files: string[], force = false): Promise<void> {
  for (const file of files) {
    let stat;
    try {
      stat = await fs.stat(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new CliError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code}`, EXIT.usage);
    }
    if (stat.isDirectory()) throw new CliError(`--out ${file} is a directory, not a file`, EXIT.usage);
    if (!force) throw new CliError(`${file} exists; pass --force to overwrite it`, EXIT.usage);
  }
}

/** Refuses (exit 2) an output directory path that is an existing file. */
export async function checkOutputDirectory(dir: string): Promise<void> {
  try {
    if (!(await fs.stat(dir)).isDirectory())
      throw new CliError(`--out ${dir} is a file, not a directory`, EXIT.usage);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
