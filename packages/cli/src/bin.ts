#!/usr/bin/env node
import { CliError } from './cli-error';
import { createProgram } from './program';

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CliError) {
      if (!error.reported) process.stderr.write(`contrastive: ${error.message}\n`);
      process.exit(error.exitCode);
      return;
    }
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') {
      process.exit(0);
      return;
    }
    process.stderr.write(`contrastive: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
