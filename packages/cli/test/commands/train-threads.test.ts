import * as path from 'path';
import { runCli } from '../helpers/run-cli';
import { irisConfig, tempDir, writeFile } from '../helpers/tiny-config';

// Each jest test file has its own tfjs instance, so wasm is first initialised here.
describe("--threads: wasm and native-kernel threads, by useBackend's rule", () => {
  it('rejects a count that is not auto or a positive integer, as a usage error', async () => {
    for (const args of [
      ['train', '--threads', '0'],
      ['eval', '--model', 'nowhere', '--threads', 'lots'],
      ['embed', '--model', 'nowhere', '--out', 'x.npy', '--threads', '1.5'],
    ]) {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`expected 'auto' or a positive integer, got '${args[args.length - 1]}'`);
    }
  });

  it('trains on the count given, and the backend line and the result say so', async () => {
    const dir = await tempDir();
    const config = await writeFile(dir, 'iris.json', irisConfig(path.join(dir, 'run'), { backend: 'wasm' }));
    const run = await runCli([
      'train',
      '-c',
      config,
      '--threads',
      '1',
      '--epochs',
      '1',
      '--no-report',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/wasm threads: 1 \(single-threaded SIMD build\) \[requested\]/);
    const result = run.json().find((line) => typeof line.backend === 'string');
    expect(result?.backend).toMatch(/^wasm \+ .*, 1 thread \(requested\)$/);
  });
});
