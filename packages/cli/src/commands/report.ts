import { promises as fs } from 'fs';
import * as path from 'path';
import { CliError, EXIT } from '../cli-error';
import type { ExperimentResult } from '@contrastive/trainers';
import type { ConsoleReporter } from '../output/console-reporter';
import { writeExperimentReport } from '../report/experiment-report';

/** `contrastive report --run dir`: rebuilds report.html (and plot files) from results.json. */
export async function reportCommand(options: { run: string }, reporter: ConsoleReporter): Promise<number> {
  const file = path.join(options.run, 'results.json');
  let result: ExperimentResult;
  try {
    result = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
    throw new CliError(`cannot read ${file}: ${reason}`, EXIT.data);
  }
  if (!result || !Array.isArray(result.scores) || !result.histories?.contrastive) {
    throw new CliError(`${file} is not a results file written by 'contrastive train'`, EXIT.data);
  }
  const written = await writeExperimentReport(result, options.run);
  for (const warning of written.warnings) reporter.info(`report: ${warning}`);
  reporter.result(`report written to ${path.resolve(written.html)}`, { report: path.resolve(written.html) });
  return EXIT.ok;
}
