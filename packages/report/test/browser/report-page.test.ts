import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { barChart, lineChart, scatterPlot, writeReport, type WrittenReport } from '../../src';
import { clusteredPoints, FASHION_CLASSES, lossCurve } from '../fixtures';
import { browserTestMode, CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium-availability';

const NAME = 'report page in headless chromium: loads with no console errors or failed requests, shows the plots';
const mode = browserTestMode();

if (mode.kind === 'skip') {
  // jest lists no test names for a suite whose tests are all skipped, so say it on stderr as well.
  process.stderr.write(`\nSKIPPED browser test "${NAME}": ${mode.reason}\n`);
  test.skip(`${NAME} [SKIPPED: ${mode.reason}]`, () => undefined);
} else if (mode.kind === 'fail') {
  test(NAME, () => {
    throw new Error(mode.reason);
  });
} else {
  describe(NAME, () => {
    const TITLE = 'Browser <check> & "quotes"';
    let work: string;
    let written: WrittenReport;
    let context: BrowserContext;
    const consoleErrors: string[] = [];
    const failedRequests: string[] = [];
    const requests: string[] = [];

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'contrastive-report-browser-'));
      const { flat, labels } = clusteredPoints(200);
      const scatter = await scatterPlot(flat, labels, FASHION_CLASSES, { title: 't-SNE' });
      const loss = await lineChart([{ name: 'SupCon loss', points: lossCurve(12) }], { title: 'Loss', xTitle: 'epoch', yTitle: 'loss' });
      const bars = await barChart(
        [
          { label: 'SupCon', value: 0.84 },
          { label: 'Cross-entropy', value: 0.86 },
          { label: 'Random encoder', value: 0.71 },
        ],
        { title: 'Probe accuracy', yTitle: 'accuracy', domain: [0, 1] },
      );
      written = await writeReport(join(work, 'out'), {
        title: TITLE,
        config: { loss: { id: 'supcon', temperature: 0.1 }, note: '<script>alert(1)</script>' },
        backend: 'cpu',
        timings: { pretraining: 12.5, probes: 3.25 },
        metrics: [
          { encoder: 'SupCon', 'probe accuracy': 0.84 },
          { encoder: 'random', 'probe accuracy': 0.71 },
        ],
        plots: [
          { title: 't-SNE of embeddings', svg: scatter.svg },
          { title: 'Training loss', svg: loss.svg },
          { title: 'Linear-probe accuracy', svg: bars.svg },
        ],
        notes: ['<img src=x onerror=alert(1)> must show as text'],
      });
      context = await chromium.launchPersistentContext(join(work, 'profile'), {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_FLAGS,
        viewport: { width: 1280, height: 900 },
      });
    });

    afterAll(async () => {
      await context?.close();
      if (work !== undefined) rmSync(work, { recursive: true, force: true });
    });

    it('loads report.html from disk with no console errors, page errors or failed requests', async () => {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => failedRequests.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(written.html).href;
      const response = await page.goto(url, { waitUntil: 'load' });
      expect(response?.ok()).toBe(true);
      expect(await page.title()).toBe(TITLE);
      // The page is self-contained: the document itself is the only request.
      expect(requests).toEqual([url]);
      expect(failedRequests).toEqual([]);
      expect(consoleErrors).toEqual([]);
      // Escaped strings show as text; no markup from user strings became elements.
      expect(await page.locator('script, img, iframe').count()).toBe(0);
      expect(await page.locator('h1').textContent()).toBe(TITLE);
      expect(await page.locator('.notes p').textContent()).toBe('<img src=x onerror=alert(1)> must show as text');
      expect(await page.locator('.backend').textContent()).toBe('cpu');
      await page.close();
    });

    it('shows three plots with non-zero size and a visible legend with every class name', async () => {
      const page = await context.newPage();
      await page.goto(pathToFileURL(written.html).href, { waitUntil: 'load' });
      const sizes = await page.$$eval('figure.plot svg', (svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => [r.width, r.height]));
      expect(sizes).toHaveLength(3);
      for (const [w, h] of sizes) {
        expect(w).toBeGreaterThan(100);
        expect(h).toBeGreaterThan(100);
      }
      // Scatter points are drawn (200 symbols in the data mark).
      expect(await page.locator('#plot-0 .mark-symbol.role-mark path').count()).toBe(200);
      const legend = await page.$$eval('#plot-0 .role-legend-label text', (texts) =>
        texts.map((t) => {
          const box = (t as SVGTextElement).getBBox();
          const style = getComputedStyle(t);
          return { text: t.textContent, w: box.width, h: box.height, visible: style.visibility !== 'hidden' && style.display !== 'none' && style.opacity !== '0' };
        }),
      );
      expect(legend.map((l) => l.text)).toEqual(FASHION_CLASSES);
      for (const l of legend) {
        expect(l.visible).toBe(true);
        expect(l.w).toBeGreaterThan(5);
        expect(l.h).toBeGreaterThan(5);
      }
      // Legend labels lie inside the scatter figure's visible area.
      const inside = await page.$eval('#plot-0', (fig) => {
        const f = fig.getBoundingClientRect();
        return Array.from(fig.querySelectorAll('.role-legend-label text')).every((t) => {
          const r = t.getBoundingClientRect();
          return r.left >= f.left && r.right <= f.right + 1 && r.top >= f.top && r.bottom <= f.bottom + 1;
        });
      });
      expect(inside).toBe(true);
      if (process.env.CONTRASTIVE_REPORT_SCREENSHOT) await page.screenshot({ path: process.env.CONTRASTIVE_REPORT_SCREENSHOT, fullPage: true });
      await page.close();
    });
  });
}
