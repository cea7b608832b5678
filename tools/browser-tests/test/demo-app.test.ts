// The web app (apps/demo) in chromium, built and served the way `contrastive serve` serves it
// (127.0.0.1, COOP/COEP, Content-Security-Policy): it loads with no console error, trains in its
// worker while the page stays responsive, redraws the loss chart and the embedding, pauses,
// resumes and stops, hands out a model `contrastive eval --model` loads, and answers bad input
// with a message on the page.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { useBackend } from '@contrastive/backend';
import { loadModelFromDirectory } from '@contrastive/encoders/node';
import { allBackendsRequired, launchChromium } from '../lib/chromium';
import {
  buildAndServeDemo,
  drawnPixels,
  fillSettings,
  openDemoPage,
  runEnded,
  type DemoApp,
  type DemoPage,
} from '../lib/demo-app';

/** A small PNG: a `size`² square of one grey level, or of random colours. */
function png(size: number, fill: number | 'noise'): Buffer {
  const image = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size * 4; i++)
    image.data[i] = i % 4 === 3 ? 255 : fill === 'noise' ? Math.floor(Math.random() * 256) : fill;
  return PNG.sync.write(image);
}

/** Writes `files` (relative path -> bytes) under a new folder named `name` and returns the folder. */
function folderOf(parent: string, name: string, files: Record<string, Buffer | string>): string {
  const root = join(parent, name);
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  return root;
}

describe('the web app in headless chromium (apps/demo, served by contrastive serve)', () => {
  let app: DemoApp;
  let browser: Browser;
  let demo: DemoPage;
  let scratch: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'contrastive-demo-test-'));
    // The downloaded model is loaded in Node, as `contrastive eval` does.
    await useBackend('wasm', { quiet: true, native: 'off' });
    app = await buildAndServeDemo();
    browser = await launchChromium();
    demo = await openDemoPage(browser, app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  afterEach(() => {
    // Any uncaught error or console error (a CSP violation included) fails the test that caused it.
    expect(demo.errors.splice(0)).toEqual([]);
  });

  test('loads with no console error, cross-origin isolated, offering the four paradigms of the registry', async () => {
    const { page } = demo;
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    expect(
      await page.$$eval('#paradigm option', (options) => options.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual(['supcon', 'simclr', 'moco', 'triplet']);
    expect(await page.textContent('#paradigm-parts')).toBe('supcon loss, in-batch strategy, labels');
  });

  test('SupCon on Fashion-MNIST, 2 epochs of 2 steps: the chart and the scatter update, the backend is chosen and shown, the scores come', async () => {
    const { page } = demo;
    await page.selectOption('#dataset', 'fashion-mnist');
    await fillSettings(page, { epochs: 2, batchSize: 20, steps: 2, perClass: 10 });
    await page.click('#train');
    await page.waitForFunction(
      () => document.querySelector('#loss-chart')!.getAttribute('data-points') !== '0',
    );
    // The page answers while the worker trains.
    const started = Date.now();
    await page.evaluate(() => document.title);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await runEnded(page)).toBe('done');
    const backend = await page.getAttribute('#backend', 'data-backend');
    process.stderr.write(`\ndemo: auto chose ${backend}: ${await page.getAttribute('#backend', 'title')}\n`);
    // auto never picks SwiftShader's WebGPU adapter (software), so chromium's SwiftShader WebGL2 wins on CI.
    if (allBackendsRequired()) expect(backend).toBe('webgl');
    else expect(['webgpu', 'webgl', 'wasm']).toContain(backend);
    expect(await page.textContent('#backend')).toBe(`backend: ${backend}`);
    expect(await page.getAttribute('#loss-chart', 'data-points')).toBe('4');
    expect(await drawnPixels(page, '#loss-chart canvas')).toBeGreaterThan(100);
    expect(await page.getAttribute('#embedding', 'data-epoch')).toBe('2');
    expect(await page.getAttribute('#embedding', 'data-points')).toBe('30');
    expect(await drawnPixels(page, '#embedding')).toBeGreaterThan(200);
    expect(await page.$$eval('#legend li', (items) => items.length)).toBe(10);
    const knn = Number(await page.getAttribute('#scores', 'data-knn'));
    const probe = Number(await page.getAttribute('#scores', 'data-linear-probe'));
    expect(knn).toBeGreaterThan(0.1);
    expect(probe).toBeGreaterThan(0.1);
    expect(await page.textContent('#scores')).toMatch(
      /kNN accuracy \(test\)\d+\.\d %linear-probe accuracy \(test\)\d+\.\d %/,
    );
  });

  test('the download is a zip of the model folder contrastive eval --model loads', async () => {
    const { page } = demo;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('contrastive-model.zip');
    const zip = readFileSync((await download.path())!);
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files).sort()).toEqual([
      'contrastive-model/model.json',
      'contrastive-model/weights.bin',
    ]);
    const target = join(scratch, 'download');
    for (const [name, bytes] of Object.entries(files)) {
      mkdirSync(join(target, name, '..'), { recursive: true });
      writeFileSync(join(target, name), bytes);
    }
    // What `contrastive eval --model <dir>` loads the model with (packages/cli/src/output/save-model.ts).
    const model = await loadModelFromDirectory(join(target, 'contrastive-model'));
    try {
      expect(model.inputShape).toEqual([28, 28, 1]);
      expect(model.manifest.encoder?.id).toBe('seed-cnn');
    } finally {
      model.dispose();
    }
  });

  test('pause holds the run, resume continues it, stop ends it (Iris, triplet)', async () => {
    const { page } = demo;
    await page.selectOption('#dataset', 'iris');
    await page.selectOption('#paradigm', 'triplet');
    await fillSettings(page, { epochs: 200, batchSize: 30 });
    await page.click('#train');
    await page.waitForFunction(
      () => Number(document.querySelector('#loss-chart')!.getAttribute('data-points')) >= 2,
    );
    await page.click('#pause');
    // 'paused' shows once the worker holds training at a step's end: no point comes after it.
    await page.waitForFunction(() => document.body.dataset.state === 'paused');
    expect(await page.textContent('#pause')).toBe('Resume');
    const held = await page.getAttribute('#loss-chart', 'data-points');
    await page.waitForTimeout(1000);
    expect(await page.getAttribute('#loss-chart', 'data-points')).toBe(held);
    await page.click('#pause');
    await page.waitForFunction(
      (before) => Number(document.querySelector('#loss-chart')!.getAttribute('data-points')) > before + 2,
      Number(held),
    );
    await page.click('#stop');
    expect(await runEnded(page)).toBe('stopped');
    expect(await page.isEnabled('#download')).toBe(true);
    expect(await page.isHidden('#scores')).toBe(true);
  });

  test('pinned to wasm (?backend=wasm), in the cross-origin isolated page: Iris trains, with the CSP and no console error', async () => {
    const wasm = await openDemoPage(browser, app, '?backend=wasm');
    try {
      await wasm.page.selectOption('#dataset', 'iris');
      await fillSettings(wasm.page, { epochs: 2, batchSize: 30 });
      await wasm.page.click('#train');
      expect(await runEnded(wasm.page)).toBe('done');
      expect(await wasm.page.getAttribute('#backend', 'data-backend')).toBe('wasm');
      const line = (await wasm.page.getAttribute('#backend', 'title')) ?? '';
      process.stderr.write(`\ndemo on wasm: ${line}\n`);
      // tfjs' threaded build runs in the worker: its threads are blob: workers, which the CSP allows.
      if ((await wasm.page.evaluate(() => navigator.hardwareConcurrency)) > 1)
        expect(line).toMatch(/wasm threads: \d+ \(threaded SIMD build in a cross-origin isolated page/);
      expect(await wasm.page.getAttribute('#embedding', 'data-epoch')).toBe('2');
      expect(wasm.errors).toEqual([]);
    } finally {
      await wasm.page.close();
    }
  });

  describe('your own files', () => {
    beforeAll(async () => {
      // A run left going by a failed test above would keep the form disabled.
      if (await demo.page.isEnabled('#stop')) {
        await demo.page.click('#stop');
        await runEnded(demo.page);
      }
      await demo.page.selectOption('#dataset', 'files');
      await demo.page.selectOption('#paradigm', 'supcon');
      await fillSettings(demo.page, { epochs: 1, batchSize: 8, steps: 1 });
    });

    async function trainOn(
      input: '#folder-input' | '#csv-input',
      path: string,
    ): Promise<{ state: string; error: string }> {
      await demo.page.setInputFiles(input, path);
      await demo.page.click('#train');
      const state = await runEnded(demo.page);
      return { state, error: (await demo.page.textContent('#error')) ?? '' };
    }

    test('a folder of images, one sub-folder per class, trains', async () => {
      const files: Record<string, Buffer> = {};
      for (let i = 0; i < 8; i++) {
        files[`dark/${i}.png`] = png(12, 20 + i);
        files[`light/${i}.png`] = png(12, 230 - i);
      }
      const result = await trainOn('#folder-input', folderOf(scratch, 'good-images', files));
      expect(result).toEqual({ state: 'done', error: '' });
      expect(await demo.page.textContent('#files-summary')).toBe('16 files in 2 sub-folders');
      expect(await demo.page.getAttribute('#embedding', 'data-points')).toBe('4');
    });

    test('a folder with one class: a clear message on the page', async () => {
      const folder = folderOf(scratch, 'one-class', { 'cats/1.png': png(8, 10), 'cats/2.png': png(8, 200) });
      const result = await trainOn('#folder-input', folder);
      expect(result.state).toBe('failed');
      expect(result.error).toBe(
        'image folder: only one class (cats); contrastive training compares classes, so it needs at least two',
      );
      expect(await demo.page.isVisible('#error')).toBe(true);
    });

    test('an unreadable image: the message names it', async () => {
      const folder = folderOf(scratch, 'broken-image', {
        'cats/1.png': png(8, 10),
        'cats/2.png': png(8, 'noise'),
        'dogs/1.png': png(8, 200),
        'dogs/broken.png': 'this is not a PNG',
      });
      const result = await trainOn('#folder-input', folder);
      expect(result.state).toBe('failed');
      expect(result.error).toBe('dogs/broken.png: not a readable image (the browser could not decode it)');
    });

    test('a CSV without labels: the message says what to add; the page stays usable', async () => {
      const csv = join(scratch, 'measurements.csv');
      writeFileSync(
        csv,
        `width,height\n${Array.from({ length: 20 }, (_, i) => `${i * 0.31},${Math.sin(i)}`).join('\n')}\n`,
      );
      const result = await trainOn('#csv-input', csv);
      expect(result.state).toBe('failed');
      expect(result.error).toMatch(
        /^measurements\.csv: no label column: every column holds measurements\. Add a column headed 'label'/,
      );
      expect(await demo.page.isEnabled('#train')).toBe(true);
    });
  });
});
