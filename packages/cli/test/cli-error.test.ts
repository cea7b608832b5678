import { promises as fs } from 'fs';
import * as path from 'path';
import { EXIT } from '../src/cli-error';

/** The codes in the first column of the markdown table under `## Exit codes`. */
async function documentedCodes(file: string): Promise<number[]> {
  const text = await fs.readFile(file, 'utf8');
  const section = text.slice(text.indexOf('## Exit codes'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| --- |')));
  return [...table.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1]));
}

describe('EXIT', () => {
  it.each([['docs/cli.md'], ['packages/cli/README.md']])(
    '%s documents exactly the exit codes the CLI uses',
    async (doc) => {
      const codes = await documentedCodes(path.resolve(__dirname, '../../..', doc));
      expect(codes).toEqual(Object.values(EXIT).sort((a, b) => a - b));
    },
  );
});
