import { CliError } from '../../src/cli-error';
import { createProgram } from '../../src/program';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout split into JSON objects (only meaningful with --json). */
  json(): Array<Record<string, unknown>>;
}

export interface RunCliOptions {
  /** Called with every chunk written to stdout while the command runs. */
  onStdout?: (chunk: string) => void;
}

/**
 * Runs the `contrastive` program in-process with `args`, capturing its exit code (from the
 * program's `exit` callback, or from a usage error thrown by commander, as bin.ts maps them)
 * and everything written to stdout / stderr.
 */
export async function runCli(args: string[], options: RunCliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const outSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    const text = String(chunk);
    stdout += text;
    options.onStdout?.(text);
    return true;
  });
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
    stderr += String(chunk);
    return true;
  });
  // tfjs warns through console.warn, which the real bin sends to stderr; jest's console would
  // otherwise print into the captured stdout.
  const warnSpy = jest.spyOn(console, 'warn').mockImplementation((...parts: unknown[]) => {
    stderr += `${parts.join(' ')}\n`;
  });
  let code: number | undefined;
  try {
    await createProgram((exitCode) => {
      code = exitCode;
    }).parseAsync(['node', 'contrastive', ...args]);
  } catch (error) {
    if (error instanceof CliError) code = error.exitCode;
    else if ((error as { code?: string }).code === 'commander.helpDisplayed') code = 0;
    else throw error;
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
    warnSpy.mockRestore();
  }
  if (code === undefined) throw new Error(`command ${args.join(' ')} finished without an exit code`);
  return {
    code,
    stdout,
    stderr,
    json: () =>
      stdout
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
