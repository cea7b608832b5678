// The packages in a real browser: Debian's chromium (headless, GPU paths on SwiftShader) loads a
// bundle of their ES module builds from 127.0.0.1 and runs, on each backend, the SupCon / NT-Xent /
// triplet reference vectors and a short seed-CNN SupCon training run; then wasm again with threads,
// on a page served with COOP/COEP. A backend chromium cannot provide is reported with the reason
// (and fails where all must run: CI, CONTRASTIVE_BROWSER_BACKENDS=required); any uncaught page
// error or console error fails the suite. Last, our SIMD kernels on 2 threads (their Web Workers)
// on a cross-origin isolated page, against the same training run on 1 thread in Node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { useBackend } from '@contrastive/backend';
import { bundleForBrowser } from '../lib/browser-bundle';
import { allBackendsRequired, launchChromium } from '../lib/chromium';
import { REPO_ROOT } from '../lib/isomorphic-packages';
import { trainSeedCnnSupCon, type SeedCnnSupConOptions } from '../lib/seed-cnn-supcon';
import type { ServedFile } from '../lib/static-server';
import { openTestPage, type TestPage } from '../lib/test-page';
import type { LossCaseResult, LossVectorSet } from '../page/loss-vectors';

const BACKENDS = ['wasm', 'webgl', 'webgpu'] as const;
type Backend = (typeof BACKENDS)[number];

// SwiftShader is slow and CI has 2 cores: small batches, few steps.
const TRAINING: SeedCnnSupConOptions = { steps: 24, batchSize: 20, batches: 2 };
/**
 * WebGPU on SwiftShader's Vulkan runs the CNN's gradients far slower than wasm (seconds a step on
 * 2 cores): 6 steps over one batch alone, so the loss falls within them.
 */
const TRAINING_ON: Record<Backend, SeedCnnSupConOptions> = {
  wasm: TRAINING,
  webgl: TRAINING,
  webgpu: { steps: 6, batchSize: TRAINING.batchSize, batches: 1 },
};

/** What makes a page cross-origin isolated (SharedArrayBuffer, so wasm threads). */
const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>contrastive browser tests</title>
<script type="module" src="/bundle.js"></script></head><body></body></html>`;

const WASM_DIR = join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const WASM_FILES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
];

const VECTOR_SETS = [
  ['SupCon', 'supcon.json', 'supcon'],
  ['NT-Xent', 'ntxent.json', 'ntxent'],
  ['triplet', 'triplet.json', 'triplet'],
] as const;

function loadVectors(name: string): { source: string; cases: Array<{ loss: number; grad?: unknown }> } {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'packages/losses/test/fixtures', name), 'utf8'));
}

/** A float32 value against a float64 reference; below 1e-4 means within 1e-4 relative, or 1e-6 absolute near 0. */
function valueError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / (Math.abs(expected) + 0.01);
}

/** Largest gradient error relative to the largest reference entry (tiny entries carry float32 noise). */
function gradientError(actual: number[], expected: unknown): number {
  const reference = (expected as unknown[]).flat(Infinity as 1) as number[];
  if (actual.length !== reference.length) return Infinity;
  const scale = Math.max(1e-6, ...reference.map(Math.abs));
  return Math.max(
    0,
    ...actual.map((a, i) => (Number.isFinite(a) ? Math.abs(a - reference[i]) / scale : Infinity)),
  );
}

/** Runs one reference-vector set on the page's active backend and checks it against the float64 references. */
async function expectVectorsMatch(
  testPage: TestPage,
  file: string,
  kind: LossVectorSet['kind'],
): Promise<void> {
  const vectors = loadVectors(file);
  const { results, tensorsBefore, tensorsAfter } = await testPage.call('runLossVectors', {
    kind,
    cases: vectors.cases,
  } as unknown as LossVectorSet);
  expect(results).toHaveLength(vectors.cases.length);
  const worst = { value: 0, grad: 0 };
  results.forEach((result: LossCaseResult, i) => {
    const expected = vectors.cases[i];
    worst.value = Math.max(worst.value, valueError(result.value, expected.loss));
    if (expected.grad !== undefined)
      worst.grad = Math.max(worst.grad, result.grad ? gradientError(result.grad, expected.grad) : Infinity);
  });
  expect(worst.value).toBeLessThan(1e-4);
  expect(worst.grad).toBeLessThan(1e-4);
  expect(tensorsAfter).toBe(tensorsBefore);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * Runs the training scenario on the page's active backend: the loss falls, the first equals
 * Node's, no tensor leaks. Resolves to the run's losses.
 */
async function expectTrainingWorks(
  testPage: TestPage,
  label: string,
  nodeFirstLoss: number,
  training: SeedCnnSupConOptions = TRAINING,
): Promise<number[]> {
  const run = await testPage.call('trainSeedCnnSupCon', training);
  expect(run.losses).toHaveLength(training.steps);
  expect(run.losses.every(Number.isFinite)).toBe(true);
  expect(Math.abs(run.losses[0] - nodeFirstLoss)).toBeLessThan(1e-4 * Math.abs(nodeFirstLoss));
  const last = run.losses.slice(-4).reduce((a: number, b: number) => a + b, 0) / 4;
  expect(last).toBeLessThan(0.8 * run.losses[0]);
  expect(new Set(run.numTensors).size).toBe(1);
  expect(run.tensorsAfter).toBe(run.tensorsBefore);
  process.stderr.write(
    `\nchromium ${label}: seed CNN + SupCon loss ${run.losses[0].toFixed(4)} (Node wasm ${nodeFirstLoss.toFixed(4)}) -> ` +
      `${last.toFixed(4)} (mean of the last 4) in ${training.steps} steps of ${training.batchSize}; ${run.numTensors[0]} tensors throughout; ` +
      `step 1 ${run.stepMs[0].toFixed(0)} ms, then median ${median(run.stepMs.slice(1)).toFixed(0)} ms (loaded machine)\n`,
  );
  return run.losses;
}

describe('the packages in headless chromium (served from 127.0.0.1)', () => {
  let files: Map<string, ServedFile>;
  let browser: Browser;
  /** The first step's loss of each training scenario in Node on wasm (the examples depend on batch size and count). */
  const nodeFirstLoss = new Map<string, number>();
  /** Every step's loss of {@link TRAINING} in Node on wasm with our SIMD kernels on 1 thread. */
  let nodeLosses: number[] = [];
  let nodeBackendLine = '';
  const scenario = ({ batchSize, batches }: SeedCnnSupConOptions) => `${batchSize} x ${batches}`;
  const pages: TestPage[] = [];
  const unavailable = new Map<string, string>();

  beforeAll(async () => {
    const bundle = await bundleForBrowser(`import './page/entry.ts';\n`, {
      resolveDir: join(__dirname, '..'),
    });
    if (bundle.errors.length) throw new Error(`the page bundle failed:\n${bundle.errors.join('\n')}`);
    files = new Map<string, ServedFile>([
      ['/', { body: PAGE, contentType: 'text/html; charset=utf-8' }],
      ['/bundle.js', { body: bundle.code, contentType: 'text/javascript; charset=utf-8' }],
      ...WASM_FILES.map((f): [string, ServedFile] => [
        `/wasm/${f}`,
        { body: readFileSync(join(WASM_DIR, f)), contentType: 'application/wasm' },
      ]),
    ]);
    browser = await launchChromium();
    // The reference: the same scenario in Node on wasm (tfjs' kernels and our SIMD ones on 1
    // thread, like the plain page's; `threads: 1`, since the default, `auto`, takes every free core).
    await useBackend('wasm', { native: 'off', threads: 1, log: (line) => (nodeBackendLine = line) });
    nodeLosses = (await trainSeedCnnSupCon(TRAINING)).losses;
    nodeFirstLoss.set(scenario(TRAINING), nodeLosses[0]);
    for (const training of Object.values(TRAINING_ON))
      if (!nodeFirstLoss.has(scenario(training)))
        nodeFirstLoss.set(
          scenario(training),
          (await trainSeedCnnSupCon({ ...training, steps: 1 })).losses[0],
        );
  });

  afterAll(async () => {
    for (const testPage of pages) await testPage.close();
    await browser?.close();
    for (const [backend, reason] of unavailable)
      process.stderr.write(`\nUNAVAILABLE in chromium: ${backend}: ${reason}\n`);
  });

  afterEach(() => {
    // Any uncaught error or console error in a page fails the test that caused it.
    expect(pages.flatMap((testPage) => testPage.errors.splice(0))).toEqual([]);
  });

  describe('a plain page (not cross-origin isolated)', () => {
    let testPage: TestPage;

    beforeAll(async () => {
      testPage = await openTestPage(browser, files);
      pages.push(testPage);
    });

    test('loads the bundle with no error and fetches nothing else', async () => {
      expect(testPage.server.requests).toEqual(['/', '/bundle.js']);
      expect(await testPage.call('environment')).toMatchObject({
        crossOriginIsolated: false,
        sharedArrayBuffer: false,
      });
    });

    test('the error check sees a console error and an uncaught error in the page', async () => {
      await testPage.page.evaluate(() => {
        console.error('a console error');
        setTimeout(() => {
          throw new Error('an uncaught error');
        });
      });
      await testPage.page.waitForTimeout(200);
      expect(testPage.errors.splice(0)).toEqual([
        'console.error: a console error',
        'uncaught: an uncaught error',
      ]);
    });

    test('useBackend threads: 2 says why a page that is not cross-origin isolated runs wasm on one thread', async () => {
      const selected = await testPage.call('selectBackend', 'wasm', { threads: 2 });
      expect(selected).toMatchObject({ backend: 'wasm' });
      expect('log' in selected && selected.log[0]).toMatch(
        /wasm threads: 1 \(the page is not cross-origin isolated.*Cross-Origin-Embedder-Policy: require-corp\)/,
      );
      expect(await testPage.call('wasmThreads')).toBe(1);
    });

    test("useBackend('auto') picks webgl where WebGL2 works, naming what it passed over", async () => {
      const selected = await testPage.call('selectBackend', 'auto');
      expect('log' in selected).toBe(true);
      if (!('log' in selected)) return;
      expect(selected.log[0]).toMatch(
        /not available: (webgpu \([^)]*\)[^,]*, )?tensorflow \(.*not running in Node/,
      );
      if (selected.backend !== 'webgl') {
        expect(selected.log[0]).toMatch(/webgl \(failed to initialise/);
        if (allBackendsRequired())
          throw new Error(`auto chose ${selected.backend}, not webgl, on CI: ${selected.log[0]}`);
      }
    });

    describe.each(BACKENDS)('on %s', (backend: Backend) => {
      /** False (and the reason recorded, reported, and a failure on CI) when chromium cannot run `backend`. */
      async function available(): Promise<boolean> {
        if (unavailable.has(backend)) return false;
        // SwiftShader is a software adapter, which WebGPU is refused on unless asked for.
        const selected = await testPage.call(
          'selectBackend',
          backend,
          backend === 'webgpu' ? { allowSoftwareGpu: true } : {},
        );
        if ('backend' in selected) {
          expect(selected.backend).toBe(backend);
          return true;
        }
        unavailable.set(backend, selected.unavailable);
        process.stderr.write(`\nUNAVAILABLE in chromium: ${backend}: ${selected.unavailable}\n`);
        // wasm needs nothing but WebAssembly; on CI chromium's SwiftShader provides every backend.
        if (backend === 'wasm' || allBackendsRequired())
          throw new Error(`${backend} is unavailable in chromium: ${selected.unavailable}`);
        return false;
      }

      test.each(VECTOR_SETS)(
        '%s reference vectors (%s) match the float64 references, no tensor leaked',
        async (_, file, kind) => {
          if (await available()) await expectVectorsMatch(testPage, file, kind);
        },
      );

      const training = TRAINING_ON[backend];
      test(`seed CNN + SupCon on the embedded Fashion-MNIST subset, ${training.steps} steps: the loss falls, the first equals Node's on wasm, numTensors flat`, async () => {
        if (await available())
          await expectTrainingWorks(testPage, backend, nodeFirstLoss.get(scenario(training))!, training);
      });
    });
  });

  describe('wasm threads, on a page served with COOP/COEP (cross-origin isolated)', () => {
    let testPage: TestPage;

    beforeAll(async () => {
      testPage = await openTestPage(browser, files, CROSS_ORIGIN_ISOLATION);
      pages.push(testPage);
    });

    test('the page is cross-origin isolated, and useBackend threads: 2 loads the threaded SIMD build', async () => {
      expect(await testPage.call('environment')).toMatchObject({
        crossOriginIsolated: true,
        sharedArrayBuffer: true,
      });
      const selected = await testPage.call('selectBackend', 'wasm', { threads: 2 });
      expect(selected).toMatchObject({ backend: 'wasm' });
      // The count tfjs runs: on a 2-core machine its cap (half the logical cores) leaves 1.
      expect('log' in selected && selected.log[0]).toMatch(
        /wasm threads: \d+ \(threaded SIMD build in a cross-origin isolated page/,
      );
      expect(testPage.server.requests).toContain('/wasm/tfjs-backend-wasm-threaded-simd.wasm');
      // tfjs' C++ caps its pool at half of navigator.hardwareConcurrency: 1 on a 2-core machine.
      const threads = await testPage.call('wasmThreads');
      process.stderr.write(
        `\nchromium wasm threads: ${threads} (navigator.hardwareConcurrency ${await testPage.page.evaluate(() => navigator.hardwareConcurrency)})\n`,
      );
      expect(threads).toBeGreaterThanOrEqual(1);
    });

    test.each(VECTOR_SETS)('%s reference vectors (%s) match on the threaded build', async (_, file, kind) => {
      await expectVectorsMatch(testPage, file, kind);
    });

    test(`seed CNN + SupCon, ${TRAINING.steps} steps on the threaded build: the loss falls, the first equals Node's on wasm, numTensors flat`, async () => {
      await expectTrainingWorks(testPage, 'wasm (threaded build)', nodeFirstLoss.get(scenario(TRAINING))!);
    });
  });

  describe('our SIMD kernels on 2 threads (Web Workers), on a cross-origin isolated page reporting 4 cores', () => {
    // tfjs caps its pool at half of navigator.hardwareConcurrency (1 on a 2-core CI machine) and
    // our kernels run on as many threads as tfjs; a page reporting 4 cores lets 2 through, so the
    // kernels' browser path runs: Web Workers from a blob URL instantiating them on tfjs' shared
    // memory, jobs posted in a SharedArrayBuffer, the page's thread spinning while it waits.
    let testPage: TestPage;

    beforeAll(async () => {
      testPage = await openTestPage(browser, files, CROSS_ORIGIN_ISOLATION, { reportedCores: 4 });
      pages.push(testPage);
    });

    test('useBackend threads: 2 runs tfjs and our SIMD kernels on 2 threads, and the line says so', async () => {
      const selected = await testPage.call('selectBackend', 'wasm', { threads: 2 });
      expect(selected).toMatchObject({ backend: 'wasm' });
      const line = 'log' in selected ? selected.log[0] : '';
      expect(line).toMatch(/wasm threads: 2 \(threaded SIMD build in a cross-origin isolated page/);
      // "2 threads" only when both kernel workers said they were ready, instantiated on the shared memory.
      expect(line).toMatch(
        /simd kernels: WebAssembly SIMD \(2 threads\) for Conv2DBackpropInput, Conv2DBackpropFilter, /,
      );
      expect(await testPage.call('wasmThreads')).toBe(2);
    });

    test.each(VECTOR_SETS)('%s reference vectors (%s) match on 2 kernel threads', async (_, file, kind) => {
      await expectVectorsMatch(testPage, file, kind);
    });

    test(`seed CNN + SupCon, ${TRAINING.steps} steps on 2 kernel threads: every step's loss equals the 1-thread run's in Node`, async () => {
      expect(nodeBackendLine).toMatch(/simd kernels: WebAssembly SIMD \(1 thread\) for /);
      const losses = await expectTrainingWorks(testPage, 'wasm, 2 SIMD kernel threads', nodeLosses[0]);
      // Each thread sums its own images' filter and bias gradients, added at the end: the order of
      // float32 additions differs from 1 thread's, nothing else.
      const worst = Math.max(
        ...losses.map((loss, i) => Math.abs(loss - nodeLosses[i]) / Math.abs(nodeLosses[i])),
      );
      process.stderr.write(
        `\nchromium 2 kernel threads vs Node 1 thread: largest relative loss difference over ${losses.length} steps ${worst.toExponential(2)}\n`,
      );
      expect(worst).toBeLessThan(1e-5);
    });
  });
});
