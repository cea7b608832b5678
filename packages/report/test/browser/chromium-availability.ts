import { existsSync } from 'node:fs';

/** Debian's chromium, as installed by tools/ci/install-chromium.sh. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags the report page test launches chromium with (closed network, fresh profile). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser test runs, is skipped (by explicit request) or must fail. */
export type BrowserTestMode = { kind: 'run' } | { kind: 'skip'; reason: string } | { kind: 'fail'; reason: string };

/**
 * Decides what the browser test does. It never passes silently without a browser:
 * - chromium present → run;
 * - missing and `CI` set → fail (CI must install it: tools/ci/install-chromium.sh);
 * - missing locally → fail, unless `CONTRASTIVE_SKIP_BROWSER_TESTS=1`, then skip (reported by name).
 */
export function browserTestMode(env: NodeJS.ProcessEnv = process.env, chromiumExists: boolean = existsSync(CHROMIUM_PATH)): BrowserTestMode {
  if (chromiumExists) return { kind: 'run' };
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  if (ci) {
    return {
      kind: 'fail',
      reason: `${CHROMIUM_PATH} is missing on CI (CI=${env.CI}): run tools/ci/install-chromium.sh before the tests (apt-get install chromium fonts-dejavu-core)`,
    };
  }
  if (env.CONTRASTIVE_SKIP_BROWSER_TESTS === '1') {
    return { kind: 'skip', reason: `${CHROMIUM_PATH} missing and CONTRASTIVE_SKIP_BROWSER_TESTS=1` };
  }
  return {
    kind: 'fail',
    reason: `${CHROMIUM_PATH} is missing: install it with tools/ci/install-chromium.sh (or apt-get install chromium), or set CONTRASTIVE_SKIP_BROWSER_TESTS=1 to skip the browser test`,
  };
}
