import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { request } from 'http';
import * as os from 'os';
import * as path from 'path';
import {
  CONTENT_SECURITY_POLICY,
  serveStaticFolder,
  type StaticFolderServer,
} from '../../src/serve/static-folder-server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends `target` exactly as written (no normalisation of `..` or percent-escapes, as a hostile client would). */
function get(server: StaticFolderServer, target: string, method = 'GET'): Promise<Reply> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: target, method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveStaticFolder', () => {
  let parent: string;
  let server: StaticFolderServer;
  const SECRET = 'the folder beside the app: never served';

  beforeAll(async () => {
    // parent/app is served; parent/secret.txt and parent/app/.env sit right next to what is served.
    parent = mkdtempSync(path.join(os.tmpdir(), 'contrastive-serve-'));
    const app = path.join(parent, 'app');
    mkdirSync(path.join(app, 'wasm'), { recursive: true });
    writeFileSync(path.join(app, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(path.join(app, 'main.js'), 'export {};');
    writeFileSync(path.join(app, 'wasm', 'x.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
    writeFileSync(path.join(app, '.env'), SECRET);
    writeFileSync(path.join(parent, 'secret.txt'), SECRET);
    server = await serveStaticFolder({ root: app, port: 0 });
  });

  afterAll(async () => {
    await server.close();
    rmSync(parent, { recursive: true, force: true });
  });

  test('binds 127.0.0.1 unless told otherwise', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('serves the folder with COOP/COEP (cross-origin isolation) and a Content-Security-Policy', async () => {
    const page = await get(server, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>app</title>');
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(page.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    const script = await get(server, '/main.js');
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    const wasm = await get(server, '/wasm/x.wasm');
    expect(wasm.status).toBe(200);
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect(wasm.headers['cross-origin-embedder-policy']).toBe('require-corp');
  });

  test.each([
    ['../', '/../secret.txt'],
    ['../ twice', '/../../secret.txt'],
    ['../ inside a sub-folder', '/wasm/../../secret.txt'],
    ['percent-encoded ../', '/%2e%2e%2fsecret.txt'],
    ['percent-encoded .. with a plain /', '/%2e%2e/secret.txt'],
    ['upper-case percent-encoding', '/%2E%2E%2Fsecret.txt'],
    ['encoded backslash', '/..%5csecret.txt'],
    ['double-encoded ../', '/%252e%252e%252fsecret.txt'],
    ['an absolute path', `/${path.join(os.tmpdir(), 'secret.txt')}`],
    ['an absolute path after //', '//etc/passwd'],
    ['an encoded absolute path', '/%2fetc%2fpasswd'],
    ['a NUL byte', '/index.html%00.txt'],
    ['a dot-file of the folder', '/.env'],
  ])('refuses %s (%s): 4xx, and never a byte outside the folder', async (_, target) => {
    const reply = await get(server, target);
    expect([400, 403, 404]).toContain(reply.status);
    expect(reply.body).not.toContain(SECRET);
    expect(reply.body).not.toContain('root:');
    // Errors carry the same isolation headers as files.
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  test('an absolute-form request target (a proxy request) is refused', async () => {
    const reply = await get(server, `http://elsewhere${path.join(parent, 'secret.txt')}`);
    expect(reply.status).toBe(400);
  });

  test('methods other than GET and HEAD get 405', async () => {
    expect((await get(server, '/index.html', 'POST')).status).toBe(405);
    expect((await get(server, '/index.html', 'HEAD')).status).toBe(200);
  });
});

test('refuses a folder that does not exist', async () => {
  await expect(
    serveStaticFolder({ root: path.join(os.tmpdir(), 'no-such-folder-contrastive') }),
  ).rejects.toThrow(/is not a folder/);
});
