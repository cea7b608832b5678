import { spawn } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/run-cli';

describe('contrastive serve', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'contrastive-serve-cmd-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('refuses a folder without index.html, saying what to serve (exit 4)', async () => {
    const run = await runCli(['serve', folder]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /has no index\.html: serve a built web app folder \(npm run demo builds apps\/demo\/dist\)/,
    );
  });

  it('rejects a port out of range (exit 2)', async () => {
    const run = await runCli(['serve', folder, '--port', '70000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/expected a port from 0 to 65535/);
  });

  it('serves on 127.0.0.1 until SIGINT, then exits 0', async () => {
    writeFileSync(path.join(folder, 'index.html'), '<!doctype html><title>served</title>');
    const register = path.join(__dirname, '../helpers/ts-register.js');
    const bin = path.join(__dirname, '../../src/bin.ts');
    const child = spawn(process.execPath, ['-r', register, bin, 'serve', folder, '--port', '0', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (data: Buffer) => {
          stdout += data.toString();
          const found = /"url":"(http:\/\/[^"]+)"/.exec(stdout);
          if (found) resolve(found[1]);
        });
        child.on('exit', () => reject(new Error(`serve exited early: ${stdout}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${url}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>served</title>');
      expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 60000);
});
