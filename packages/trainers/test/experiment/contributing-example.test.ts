import { promises as fs } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const GUIDE = path.resolve(__dirname, '../../../../docs/CONTRIBUTING.md');
const SECTION = '## Run an experiment from TypeScript';

/** The first ```ts block of the guide's section, exactly as a reader copies it. */
async function documentedExample(): Promise<string> {
  const guide = await fs.readFile(GUIDE, 'utf8');
  const section = guide.slice(guide.indexOf(SECTION));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (guide.indexOf(SECTION) < 0 || !block) throw new Error(`${GUIDE} has no ts block under '${SECTION}'`);
  return block[1];
}

describe('docs/CONTRIBUTING.md: "Run an experiment from TypeScript"', () => {
  it('runs as written and prints the three score rows', async () => {
    const source = await documentedExample();
    // CommonJS with the top-level awaits kept: the body runs inside an async function below.
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const lines: string[] = [];
    const tables: unknown[] = [];
    const printed = { log: (line: string) => void lines.push(line), table: (rows: unknown) => void tables.push(rows) };
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<void>;
    await new AsyncFunction('require', 'exports', 'console', outputText)(require, {}, printed);

    expect(lines.slice(0, 6)).toEqual([
      'pre-training...',
      expect.stringMatching(/^ {2}pre-training epoch 0: loss \d+\.\d{3}$/),
      expect.stringMatching(/^ {2}pre-training epoch 1: loss /),
      expect.stringMatching(/^ {2}pre-training epoch 2: loss /),
      expect.stringMatching(/^ {2}pre-training epoch 3: loss /),
      'evaluation...',
    ]);
    expect(lines).toContain('cross-entropy baseline...');
    expect(lines.filter((line) => / linear probe \d\.\d{3}$/.test(line))).toHaveLength(3);
    expect(tables).toHaveLength(1);
    expect((tables[0] as Array<{ encoder: string }>).map((row) => row.encoder)).toEqual([
      'supcon (in-batch)',
      'random encoder',
      'cross-entropy',
    ]);
  }, 120_000);
});
