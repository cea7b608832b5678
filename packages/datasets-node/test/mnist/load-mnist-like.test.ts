import { createHash } from 'crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { FASHION_MNIST } from '../../src/mnist/catalog';
import { loadFashionMnist, loadMnist, searchLocations } from '../../src/mnist/load-mnist-like';
import { fixture, tempDir } from '../fixture-path';

const files = Object.values(FASHION_MNIST.files);
const md5 = (file: string) => createHash('md5').update(readFileSync(fixture('mnist-like', file))).digest('hex');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(fixture('mnist-like', file))).digest('hex');
const fixtureChecksums = Object.fromEntries(files.map((f) => [f, { md5: md5(f), sha256: sha256(f) }]));
const noSystem = { systemDirs: [] as string[] };

describe('loadFashionMnist / loadMnist: where they look', () => {
  it('an explicit dir is the only place looked in', async () => {
    const dataset = await loadFashionMnist({ dir: fixture('mnist-like'), env: {} });
    expect(dataset.name).toBe('fashion-mnist');
    expect(dataset.train.size).toBe(6);
    expect(dataset.classNames[0]).toBe('T-shirt/top');
    expect(dataset.licence).toMatch(/Zalando/);
    await expect(loadFashionMnist({ dir: fixture('mnist-partial'), env: {} })).rejects.toThrow(
      /mnist-partial \(option dir\): missing train-labels-idx1-ubyte\.gz.*\n.*download: not tried: option dir was given/,
    );
  });

  it('follows $CONTRASTIVE_FASHION_MNIST_DIR, then $CONTRASTIVE_DATA_DIR/<id>, then the cache, then system dirs', async () => {
    const cache = tempDir();
    const env = { CONTRASTIVE_FASHION_MNIST_DIR: '/nowhere/a', CONTRASTIVE_DATA_DIR: '/nowhere/b' };
    expect(searchLocations(FASHION_MNIST, { env, cacheDir: cache })).toEqual([
      { dir: '/nowhere/a', via: '$CONTRASTIVE_FASHION_MNIST_DIR' },
      { dir: join('/nowhere/b', 'fashion-mnist'), via: '$CONTRASTIVE_DATA_DIR' },
      { dir: join(cache, 'fashion-mnist'), via: 'cache' },
      { dir: '/usr/share/datasets/fashion-mnist', via: 'system' },
    ]);
    const viaEnv = await loadFashionMnist({ env: { CONTRASTIVE_FASHION_MNIST_DIR: fixture('mnist-like') }, cacheDir: cache, download: false });
    expect(viaEnv.test.size).toBe(3);
    const viaSystem = await loadMnist({ env: {}, cacheDir: cache, systemDirs: [fixture('mnist-like-raw')], download: false });
    expect(viaSystem.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(searchLocations(FASHION_MNIST, { env: { XDG_CACHE_HOME: '/xdg' } })[0].dir).toBe(join('/xdg', 'contrastive', 'fashion-mnist'));
  });

  it('offline with nothing found: one message listing every place looked', async () => {
    const cache = tempDir();
    const attempt = loadFashionMnist({ env: { CONTRASTIVE_DATA_DIR: '/nowhere', CONTRASTIVE_OFFLINE: '1' }, cacheDir: cache, systemDirs: ['/no/system'] });
    await expect(attempt).rejects.toThrow(/fashion-mnist not found\. Looked in:/);
    const message = await attempt.catch((e: Error) => e.message);
    expect(message).toContain(`${join('/nowhere', 'fashion-mnist')} ($CONTRASTIVE_DATA_DIR): missing`);
    expect(message).toContain(`${join(cache, 'fashion-mnist')} (cache): missing`);
    expect(message).toContain('/no/system (system): missing');
    expect(message).toContain('download: disabled by CONTRASTIVE_OFFLINE');
    expect(message).toContain('$CONTRASTIVE_FASHION_MNIST_DIR');
  });

  it('a corrupt file in the first complete directory is an error naming it, not a silent fallback', async () => {
    const dir = tempDir();
    for (const file of files) copyFileSync(fixture('mnist-like', file), join(dir, file));
    copyFileSync(fixture('corrupt', 'truncated-idx3-ubyte.gz'), join(dir, 't10k-images-idx3-ubyte.gz'));
    await expect(
      loadMnist({ env: { CONTRASTIVE_MNIST_DIR: dir }, systemDirs: [fixture('mnist-like')], cacheDir: tempDir(), download: false }),
    ).rejects.toThrow(/t10k-images-idx3-ubyte\.gz: truncated IDX data/);
  });
});

describe('download with checksum verification (local server on 127.0.0.1)', () => {
  let server: Server;
  let baseUrl = '';
  const requests: string[] = [];
  let corrupt = false;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const name = (req.url ?? '/').slice(1);
      requests.push(name);
      if (!files.includes(name)) {
        res.writeHead(404).end('not found');
        return;
      }
      const bytes = readFileSync(fixture('mnist-like', name));
      if (corrupt && name === files[0]) bytes[bytes.length - 1] ^= 0xff;
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests.length = 0;
    corrupt = false;
  });

  it('downloads into the cache, verifies MD5 and SHA-256, then reuses the cache', async () => {
    const cache = tempDir();
    const dataset = await loadFashionMnist({ env: {}, cacheDir: cache, baseUrl, checksums: fixtureChecksums, ...noSystem });
    expect(dataset.train.size).toBe(6);
    expect(requests.sort()).toEqual([...files].sort());
    expect(readdirSync(join(cache, 'fashion-mnist')).sort()).toEqual([...files].sort());
    requests.length = 0;
    await loadFashionMnist({ env: {}, cacheDir: cache, baseUrl, checksums: fixtureChecksums, ...noSystem });
    expect(requests).toEqual([]);
  });

  it('a checksum mismatch discards the file and reports it', async () => {
    const cache = tempDir();
    corrupt = true;
    const attempt = loadFashionMnist({ env: {}, cacheDir: cache, baseUrl, checksums: fixtureChecksums, ...noSystem });
    await expect(attempt).rejects.toThrow(/download from http:\/\/127\.0\.0\.1:\d+\/ into .*: .*checksum mismatch: md5 [0-9a-f]{32}, expected/);
    expect(existsSync(join(cache, 'fashion-mnist', files[0]))).toBe(false);
    expect(readdirSync(join(cache, 'fashion-mnist')).filter((f) => f.includes('.part'))).toEqual([]);
  });

  it('sha256-only checksums are verified too', async () => {
    const cache = tempDir();
    corrupt = true;
    const shaOnly = Object.fromEntries(files.map((f) => [f, { sha256: fixtureChecksums[f].sha256 }]));
    await expect(loadFashionMnist({ env: {}, cacheDir: cache, baseUrl, checksums: shaOnly, ...noSystem })).rejects.toThrow(
      /checksum mismatch: sha256/,
    );
  });

  it('HTTP errors and unreachable servers end in the "looked in" message', async () => {
    const cache = tempDir();
    await expect(loadMnist({ env: {}, cacheDir: cache, baseUrl: `${baseUrl}missing/`, checksums: fixtureChecksums, ...noSystem })).rejects.toThrow(
      /mnist not found\. Looked in:[\s\S]*HTTP 404/,
    );
    await expect(
      loadMnist({ env: {}, cacheDir: cache, baseUrl: 'http://127.0.0.1:9/', checksums: fixtureChecksums, ...noSystem, timeoutMs: 2000 }),
    ).rejects.toThrow(/download failed/);
  });

  it('the real canonical checksums reject fixture files (verification is not a no-op)', async () => {
    const cache = tempDir();
    await expect(loadFashionMnist({ env: {}, cacheDir: cache, baseUrl, ...noSystem })).rejects.toThrow(
      /checksum mismatch: md5 .* expected 8d4fb7e6c68d591d4c3dfef9ec88bf0d/,
    );
  });
});
