import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import chromiumFlags from './chromium-flags.json';

/** Debian's chromium, as installed by tools/ci/install-chromium.sh (playwright's own download cannot run here). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless chromium with both GPU paths in software: WebGL2 through ANGLE on SwiftShader, and
 * WebGPU on SwiftShader's Vulkan. No network beyond what the page asks of 127.0.0.1. A JSON file,
 * so that tools/bench/browser.js (plain Node) launches chromium with the same flags.
 */
export const CHROMIUM_FLAGS: readonly string[] = chromiumFlags;

/**
 * True when every browser backend must run: CONTRASTIVE_BROWSER_BACKENDS=required (.ci/run sets
 * it), or a CI environment (`CI` set). Elsewhere one chromium cannot start is reported, not failed.
 */
export function allBackendsRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.CONTRASTIVE_BROWSER_BACKENDS === 'required') return true;
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
}

/** Launches chromium, or throws naming what is missing and how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: install it with tools/ci/install-chromium.sh (apt-get install chromium)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    timeout: 120000,
  });
}

/** Collects every uncaught page error and console error of `page` (the suite fails on any). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('crash', () => errors.push('the page crashed'));
  return errors;
}
