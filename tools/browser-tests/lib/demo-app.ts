import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serveStaticFolder, type StaticFolderServer } from '@contrastive/cli';
// The app's own build script (plain CommonJS, what `npm run build -w apps/demo` runs).
import { buildDemo } from '../../../apps/demo/build';
import { collectPageErrors } from './chromium';

export interface DemoApp {
  /** The built static folder. */
  folder: string;
  server: StaticFolderServer;
  close(): Promise<void>;
}

/** Builds the web app into a temporary folder and serves it the way `contrastive serve` does. */
export async function buildAndServeDemo(): Promise<DemoApp> {
  const folder = mkdtempSync(join(tmpdir(), 'contrastive-demo-'));
  await buildDemo(folder, { minify: false });
  const server = await serveStaticFolder({ root: folder });
  return {
    folder,
    server,
    close: async () => {
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export interface DemoPage {
  page: Page;
  /** Uncaught errors and console errors so far. */
  errors: string[];
}

/** Opens the app in a new page and waits until its worker has offered the paradigms. */
export async function openDemoPage(browser: Browser, app: DemoApp, query = ''): Promise<DemoPage> {
  const page = await browser.newPage({ acceptDownloads: true });
  const errors = collectPageErrors(page);
  await page.goto(`${app.server.url}/${query}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.state === 'idle', undefined, { timeout: 120000 });
  return { page, errors };
}

/** Sets the run's size in the form (the page's defaults are sized for a person, not a test). */
export async function fillSettings(
  page: Page,
  settings: { epochs: number; batchSize: number; steps?: number; perClass?: number },
): Promise<void> {
  await page.fill('#epochs', String(settings.epochs));
  await page.fill('#batch-size', String(settings.batchSize));
  await page.fill('#steps', settings.steps === undefined ? '' : String(settings.steps));
  if (settings.perClass !== undefined) await page.fill('#per-class', String(settings.perClass));
}

/** Waits until the run ends (done, stopped or failed) and returns that state. */
export async function runEnded(page: Page, timeout = 240000): Promise<string> {
  await page.waitForFunction(
    () => ['done', 'stopped', 'failed'].includes(document.body.dataset.state ?? ''),
    undefined,
    { timeout },
  );
  return page.evaluate(() => document.body.dataset.state ?? '');
}

/** Pixels of a canvas that are not blank (transparent or white): something was drawn. */
export function drawnPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate((css) => {
    const canvas = document.querySelector(css) as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i + 3] > 0 && !(data[i] > 250 && data[i + 1] > 250 && data[i + 2] > 250)) drawn++;
    return drawn;
  }, selector);
}
