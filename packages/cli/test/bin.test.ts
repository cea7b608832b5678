/**
 * bin.ts as the shell runs it: argv from process.argv, exit codes through process.exit,
 * commander's own usage errors mapped to exit 2 with a `contrastive: ` line.
 */
async function runBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const argv = process.argv;
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const exitSpy = jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    resolveExit(code ?? 0);
    return undefined as never;
  }) as typeof process.exit);
  const outSpy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: unknown) => ((stdout += String(chunk)), true));
  const errSpy = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: unknown) => ((stderr += String(chunk)), true));
  try {
    process.argv = ['node', 'contrastive', ...args];
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules needs a synchronous load
      require('../src/bin');
    });
    const code = await exited;
    return { code, stdout, stderr };
  } finally {
    process.argv = argv;
    exitSpy.mockRestore();
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
}

describe('bin', () => {
  it('exits 0 after a command succeeds', async () => {
    const run = await runBin(['plugins', 'loss']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^loss\s+supcon\s/m);
  });

  it('maps an unknown option to exit 2 with a one-line reason', async () => {
    const run = await runBin(['train', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("contrastive: error: unknown option '--bogus'");
    // Once, without the help text around it.
    expect(run.stderr).toBe("contrastive: error: unknown option '--bogus' (see contrastive --help)\n");
  });

  it('prints the help on stderr and exits 2 when no command is given', async () => {
    const run = await runBin([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: contrastive');
    expect(run.stderr).not.toContain('contrastive: ');
  });

  it('maps an unknown command to exit 2', async () => {
    const run = await runBin(['fly']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'fly'");
  });

  it('exits 0 on --help', async () => {
    const run = await runBin(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: contrastive');
  });
});
