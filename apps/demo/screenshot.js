// Takes the screenshots of the web app shown in the README and docs/browser.md
// (docs/images/demo-*.png): builds the app, serves it as `contrastive serve` does, and drives
// Debian's chromium (WebGL2 on SwiftShader, as in the browser test suite) through a SupCon run on
// Fashion-MNIST and a refused CSV. Needs `npm run build` first (it loads @contrastive/cli's dist).
// Run: npm run screenshots -w apps/demo
const { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { chromium } = require('playwright-core');
const { serveStaticFolder } = require('@contrastive/cli');
const { buildDemo } = require('./build.js');

const IMAGES = join(__dirname, '..', '..', 'docs', 'images');
// The browser suite's software WebGL2 (tools/browser-tests/lib/chromium.ts has the full list).
const CHROMIUM_FLAGS = ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

async function until(page, predicate, arg, timeout = 900000) {
  await page.waitForFunction(predicate, arg, { timeout, polling: 500 });
}

async function main() {
  const folder = mkdtempSync(join(tmpdir(), 'contrastive-demo-shots-'));
  const scratch = mkdtempSync(join(tmpdir(), 'contrastive-demo-csv-'));
  await buildDemo(folder);
  const server = await serveStaticFolder({ root: folder });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${server.url}/`);
    await until(page, () => document.body.dataset.state === 'idle');
    mkdirSync(IMAGES, { recursive: true });

    // SupCon on 800 Fashion-MNIST images: the embedding forms over a few epochs.
    await page.fill('#per-class', '80');
    await page.fill('#epochs', '6');
    await page.fill('#batch-size', '64');
    await page.click('#train');
    await until(page, () => document.querySelector('#embedding').getAttribute('data-epoch') === '3');
    // Paused for the picture: SwiftShader's WebGL shares chromium's GPU process with the
    // compositor, so a screenshot waits behind training.
    await page.click('#pause');
    await until(page, () => document.body.dataset.state === 'paused');
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(IMAGES, 'demo-training.png'), timeout: 120000 });
    await page.click('#pause');
    await until(page, () => document.body.dataset.state === 'done');
    await page.screenshot({ path: join(IMAGES, 'demo-done.png'), timeout: 120000 });

    // A CSV without a label column: the message on the page.
    const csv = join(scratch, 'measurements.csv');
    writeFileSync(
      csv,
      `width,height\n${Array.from({ length: 30 }, (_, i) => `${(i * 0.31).toFixed(2)},${Math.sin(i).toFixed(3)}`).join('\n')}\n`,
    );
    await page.selectOption('#dataset', 'files');
    await page.setInputFiles('#csv-input', csv);
    await page.click('#train');
    await until(page, () => document.body.dataset.state === 'failed');
    await page.locator('.controls').screenshot({ path: join(IMAGES, 'demo-bad-input.png') });

    for (const name of ['demo-training.png', 'demo-done.png', 'demo-bad-input.png'])
      console.log(`${join(IMAGES, name)}: ${Math.round(statSync(join(IMAGES, name)).size / 1024)} KB`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(folder, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
