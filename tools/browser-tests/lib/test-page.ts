import type { Browser, Page } from 'playwright-core';
import type { BrowserTestApi } from '../page/entry';
import { collectPageErrors } from './chromium';
import { serveFiles, type ServedFile, type StaticServer } from './static-server';

/** Calls a method of the page's `contrastiveTests` API (page/entry.ts) and returns its result. */
export type ApiCall = <K extends keyof BrowserTestApi>(
  method: K,
  ...args: Parameters<BrowserTestApi[K]>
) => Promise<Awaited<ReturnType<BrowserTestApi[K]>>>;

export interface TestPage {
  page: Page;
  server: StaticServer;
  /** Uncaught errors and console errors so far (the suite empties it after each test). */
  errors: string[];
  call: ApiCall;
  close(): Promise<void>;
}

export interface TestPageOptions {
  /**
   * What the page's `navigator.hardwareConcurrency` reports (set before any script runs). tfjs
   * caps its wasm thread pool at half of it, so a 2-core machine reporting 4 runs 2 threads.
   */
  reportedCores?: number;
}

/**
 * Serves `files` from 127.0.0.1 with `headers`, opens `/` in a new page of `browser` and waits
 * until the bundle has set up its API (it sets the title).
 */
export async function openTestPage(
  browser: Browser,
  files: ReadonlyMap<string, ServedFile>,
  headers: Record<string, string> = {},
  options: TestPageOptions = {},
): Promise<TestPage> {
  const server = await serveFiles(files, headers);
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  if (options.reportedCores !== undefined)
    await page.addInitScript((cores) => {
      Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', {
        get: () => cores,
        configurable: true,
      });
    }, options.reportedCores);
  await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.title === 'contrastive browser tests: ready', undefined, {
    timeout: 120000,
  });
  const call: ApiCall = (method, ...args) =>
    page.evaluate(
      ([name, values]) =>
        (
          window as unknown as { contrastiveTests: Record<string, (...x: unknown[]) => unknown> }
        ).contrastiveTests[name](...values),
      [method, args] as [string, unknown[]],
    ) as never;
  return {
    page,
    server,
    errors,
    call,
    close: async () => {
      await page.close();
      await server.close();
    },
  };
}
