import { promises as fs } from 'fs';
import * as path from 'path';
import { parseExperimentConfig, type ExperimentConfig } from '@contrastive/core';
import { identityDifferences } from '@contrastive/trainers';
import { CliError, EXIT } from '../cli-error';
import { removeLeftovers, replaceDirectory, stagingPath, writeFileAtomic } from './atomic-write';
import { saveModelDirectory } from './save-model';

export interface RunDirectoryOptions {
  /** Write into a non-empty folder that holds no run of this config. */
  force?: boolean;
  /** Continue the run whose checkpoints the folder holds. */
  resume?: boolean;
}

/**
 * The output folder of `train` and its rules:
 * - a missing or empty folder, or one holding a run of the same config (its `config.json`), is
 *   used as is; any other non-empty folder is refused unless `--force` or `--resume` is given;
 * - a fresh run (no `--resume`) starts by removing the folder's old checkpoints (both stages');
 * - `model/` and `results.json` are replaced only when the whole run has succeeded, each
 *   atomically, so an interrupted or failed run leaves the previous ones intact.
 */
export class RunDirectory {
  readonly checkpoints: string;
  /** The cross-entropy baseline's checkpoints: kept only until the run has succeeded. */
  readonly crossEntropyCheckpoints: string;
  readonly modelDir: string;
  readonly resultsFile: string;
  readonly configFile: string;

  constructor(readonly dir: string) {
    this.checkpoints = path.join(dir, 'checkpoints');
    this.crossEntropyCheckpoints = path.join(this.checkpoints, 'cross-entropy');
    this.modelDir = path.join(dir, 'model');
    this.resultsFile = path.join(dir, 'results.json');
    this.configFile = path.join(dir, 'config.json');
  }

  /** Refuses (exit 2) an output path this run may not write into; changes nothing. */
  async checkWritable(config: ExperimentConfig, options: RunDirectoryOptions): Promise<void> {
    let stat;
    try {
      stat = await fs.stat(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new CliError(
        `cannot use --out ${this.dir}: ${(error as NodeJS.ErrnoException).code}`,
        EXIT.usage,
      );
    }
    if (!stat.isDirectory()) throw new CliError(`--out ${this.dir} is a file, not a directory`, EXIT.usage);
    const entries = (await fs.readdir(this.dir)).filter((entry) => !entry.startsWith('.'));
    if (entries.length === 0 || options.force || options.resume) return;
    const recorded = await this.recordedConfig();
    if (recorded) {
      const changed = identityDifferences(withoutOutput(recorded), withoutOutput(config));
      if (changed.length === 0) return;
      throw new CliError(
        `--out ${this.dir} holds a run of another config (it differs in ${changed.slice(0, 4).join(', ')}${changed.length > 4 ? ', ...' : ''}); ` +
          'pass --resume to continue that run, or --force to replace its results',
        EXIT.usage,
      );
    }
    const shown = entries.slice(0, 4).join(', ') + (entries.length > 4 ? ', ...' : '');
    throw new CliError(
      `--out ${this.dir} is not empty and holds no contrastive run (${shown}); pass --force to write into it anyway`,
      EXIT.usage,
    );
  }

  /**
   * Once the experiment is known to be buildable: tidies what killed runs left and, for a fresh
   * run, removes the old checkpoints and records the config (which makes the folder "a run of
   * it"). A resumed run keeps the recorded config until it succeeds: its checkpoint may still
   * turn out to belong to another setup.
   */
  async prepare(config: ExperimentConfig, options: RunDirectoryOptions): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    await removeLeftovers(this.dir);
    if (options.resume) return;
    await fs.rm(this.checkpoints, { recursive: true, force: true });
    await this.recordConfig(config);
  }

  /**
   * Replaces `model/`, `results.json` and `config.json` with this run's, each all or nothing,
   * then drops the baseline's checkpoints: they served only to resume this run (pre-training's
   * stay, to continue training with a larger budget).
   */
  async publish(model: unknown, results: { config: ExperimentConfig }): Promise<void> {
    const staged = stagingPath(this.modelDir);
    try {
      await saveModelDirectory(model, staged);
      await replaceDirectory(staged, this.modelDir);
    } finally {
      await fs.rm(staged, { recursive: true, force: true });
    }
    await writeFileAtomic(this.resultsFile, JSON.stringify(results, null, 2));
    await this.recordConfig(results.config);
    await fs.rm(this.crossEntropyCheckpoints, { recursive: true, force: true });
  }

  private recordConfig(config: ExperimentConfig): Promise<void> {
    return writeFileAtomic(this.configFile, `${JSON.stringify(config, null, 2)}\n`);
  }

  /** The config of the run the folder holds: its `config.json`, or the one inside `results.json`. */
  private async recordedConfig(): Promise<Record<string, unknown> | undefined> {
    for (const [file, pick] of [
      [this.configFile, (json: Record<string, unknown>) => json],
      [this.resultsFile, (json: Record<string, unknown>) => json.config],
    ] as const) {
      try {
        const found = pick(JSON.parse(await fs.readFile(file, 'utf8')));
        if (found && typeof found === 'object') return withDefaults(found as Record<string, unknown>);
      } catch {
        // Missing or unreadable: not a record of a run.
      }
    }
    return undefined;
  }
}

function withoutOutput(config: object): Record<string, unknown> {
  const { output, ...rest } = config as Record<string, unknown>;
  return rest;
}

/**
 * A recorded config with the schema's defaults filled in, so a config file that leaves settings
 * at their defaults matches the parsed config of the same run; one that no longer parses is
 * compared as written.
 */
function withDefaults(recorded: Record<string, unknown>): Record<string, unknown> {
  try {
    return parseExperimentConfig(recorded) as Record<string, unknown>;
  } catch {
    return recorded;
  }
}
