import { promises as fs } from 'fs';
import { ConfigError, parseExperimentConfig, type ExperimentConfig } from '@contrastive/core';
import { CliError, EXIT } from '../cli-error';
import { DEFAULT_CONFIG } from '../experiment/default-config';

/** Command-line flags that override the config file. */
export interface ConfigOverrides {
  /** Overrides `pretrain.epochs`. */
  epochs?: number;
  /** Overrides `pretrain.batchSize`. */
  batchSize?: number;
  /** Overrides `backend`. */
  backend?: string;
  /** Overrides `output.dir`. */
  out?: string;
  /** Overrides `seed`. */
  seed?: number;
  /** Overrides `pretrain.maxStepsPerEpoch`. */
  maxStepsPerEpoch?: number;
  /** @deprecated The old name of {@link maxStepsPerEpoch} (`--max-steps`); the new one wins when both are given. */
  maxSteps?: number;
}

/** Reads a JSON config (or the built-in default), applies flag overrides, validates it. */
export async function loadConfig(
  file: string | undefined,
  overrides: ConfigOverrides = {},
): Promise<ExperimentConfig> {
  let raw: Record<string, unknown>;
  if (file) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      throw new CliError(
        `cannot read config ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        EXIT.config,
      );
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new CliError(`config ${file} is not valid JSON: ${(error as Error).message}`, EXIT.config);
    }
  } else {
    raw = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
  }
  const pretrain = { ...((raw.pretrain as object) ?? {}) } as Record<string, unknown>;
  if (overrides.epochs !== undefined) pretrain.epochs = overrides.epochs;
  if (overrides.batchSize !== undefined) pretrain.batchSize = overrides.batchSize;
  const maxStepsPerEpoch = overrides.maxStepsPerEpoch ?? overrides.maxSteps;
  if (maxStepsPerEpoch !== undefined) pretrain.maxStepsPerEpoch = maxStepsPerEpoch;
  raw = { ...raw, pretrain };
  if (overrides.backend !== undefined) raw.backend = overrides.backend;
  if (overrides.seed !== undefined) raw.seed = overrides.seed;
  if (overrides.out !== undefined) raw.output = { ...((raw.output as object) ?? {}), dir: overrides.out };
  try {
    return parseExperimentConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(oneLine(error.message), EXIT.config);
    throw error;
  }
}

/** The CLI promises one-line reasons; zod lists several issues on separate lines. */
export function oneLine(message: string): string {
  return message.replace(/:\s*\n\s*/g, ': ').replace(/\s*\n\s*/g, '; ');
}
