#!/usr/bin/env node
// The seed CNN SupCon step (batch 256 x 2 views) and SupCon forward + backward (B = 512/1024/2048)
// in headless chromium (Debian's /usr/bin/chromium, the browser suite's flags), each configuration
// on a fresh page of its own (wasm's build and threads are fixed when it first starts):
//   - wasm without our SIMD kernels (`simd: 'off'`), on a plain page;
//   - wasm + SIMD kernels, on a plain page (not cross-origin isolated: 1 thread);
//   - wasm + SIMD kernels on `--threads` threads (default 2), on a page served with COOP/COEP
//     (cross-origin isolated: tfjs' threaded build, our kernels' Web Workers). tfjs caps its pool at
//     half of navigator.hardwareConcurrency, so where that would stop the count (1 on a 2-core
//     machine), the page reports 2 x threads cores (the row says so; `--no-report-cores` to keep
//     the cap), as @contrastive/backend does for tfjs in Node;
//   - webgpu on SwiftShader's Vulkan, for information only (a software adapter, not GPU figures),
//     capped at --webgpu-steps timed steps (a step takes about a minute on 2 cores), and at
//     --webgpu-sizes with one warm-up for the loss.
// The page (lib/browser-page.mjs) runs the same step (lib/seed-cnn-step.js) and loss timing
// (lib/supcon-loss-timing.js) as train-step.js and loss.js, bundled like tools/browser-tests does.
// Median and min of the timed steps after one warm-up (the loss: 3 warm-ups); each page's backend
// line (useBackend's, naming the SIMD kernels and their threads) is printed. PyTorch runs the same
// step and loss (tools/bench/pytorch/reference.py) after the browser rows, in the same run.
// Loads the built packages: `npx nx run-many -t build -p @contrastive/backend @contrastive/losses` first.
// Usage: node tools/bench/browser.js [--batch 256] [--steps 5] [--repeats 5] [--sizes 512,1024,2048]
//          [--threads 2] [--no-report-cores] [--backends wasm,webgpu] [--webgpu-steps 1]
//          [--webgpu-sizes 512] [--no-pytorch]
// Figures are indicative on a shared machine: the load average is printed.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { bundleBrowserPage } = require('./lib/bundle-browser-page');
const { serveFiles } = require('./lib/serve-files');
const { median } = require('./lib/median');
const { printMarkdownTable } = require('./lib/markdown-table');
const { measurePytorchReference, describeReference } = require('./lib/pytorch-reference');
const CHROMIUM_FLAGS = require('../browser-tests/lib/chromium-flags.json');

const CHROMIUM_PATH = '/usr/bin/chromium';
const { args, option } = require('./lib/options').benchOptions();
const batch = Number(option('batch', 256));
const steps = Number(option('steps', 5));
const repeats = Number(option('repeats', 5));
const sizes = option('sizes', '512,1024,2048').split(',').map(Number);
const threadCounts = option('threads', '2').split(',').map(Number);
const reportCores = !args.includes('--no-report-cores');
const backends = option('backends', 'wasm,webgpu').split(',');
const webgpuSteps = Number(option('webgpu-steps', 1));
const webgpuSizes = option('webgpu-sizes', '512').split(',').map(Number);
const skipPytorch = args.includes('--no-pytorch');

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>contrastive browser bench</title><script type="module" src="/bundle.js"></script></head><body></body></html>`;
const WASM_DIR = path.join(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

/** What each page measures, in the order they run. */
function configurations() {
  const list = [];
  if (backends.includes('wasm')) {
    list.push({ label: 'wasm without simd kernels', request: 'wasm', options: { simd: 'off' } });
    list.push({ label: 'wasm + simd kernels (plain page)', request: 'wasm', options: { simd: 'auto' } });
    for (const threads of threadCounts)
      list.push({
        label: `wasm + simd kernels, threads: ${threads} (cross-origin isolated)`,
        request: 'wasm',
        options: { simd: 'auto', threads },
        isolated: true,
        cores: reportCores && os.cpus().length < 2 * threads ? 2 * threads : undefined,
      });
  }
  if (backends.includes('webgpu'))
    list.push({
      label: 'webgpu (SwiftShader, information only)',
      request: 'webgpu',
      options: { allowSoftwareGpu: true },
      steps: webgpuSteps,
      sizes: webgpuSizes,
      lossWarmups: 1,
    });
  return list;
}

/** Opens a fresh page on `server`, reporting `cores` as navigator.hardwareConcurrency when set. */
async function openPage(browser, server, cores, errors) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  if (cores !== undefined)
    await page.addInitScript((count) => {
      Object.defineProperty(globalThis.Navigator.prototype, 'hardwareConcurrency', {
        get: () => count,
        configurable: true,
      });
    }, cores);
  await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  await page.waitForFunction(
    () => globalThis.document.title === 'contrastive browser bench: ready',
    undefined,
    {
      timeout: 120000,
    },
  );
  return page;
}

/**
 * The page's step: one warm-up, then `count` timed steps, each with chromium's CPU time (all its
 * processes: the page's threads and workers, and the GPU process that runs SwiftShader), which on
 * a loaded machine is the work done, whatever else runs.
 */
async function timeTrainStep(page, cpuTime, count) {
  const { first } = await page.evaluate((o) => globalThis.contrastiveBench.prepareTrainStep(o), { batch });
  const times = [];
  const cpuTimes = [];
  let last = first;
  for (let i = 0; i < count; i++) {
    const cpuBefore = await cpuTime();
    const { ms, loss } = await page.evaluate(() => globalThis.contrastiveBench.trainStepOnce());
    cpuTimes.push((await cpuTime()) - cpuBefore);
    times.push(ms);
    last = loss;
  }
  const leaked = await page.evaluate(() => globalThis.contrastiveBench.finishTrainStep());
  return { times, cpuTimes, first, last, leaked };
}

/** SupCon forward + backward at `lossBatch` on the page: warm-ups, then timed runs with chromium's CPU time. */
async function timeLoss(page, cpuTime, lossBatch, runs, warmups) {
  const call = (o) => page.evaluate((options) => globalThis.contrastiveBench.supconLoss(options), o);
  await call({ batch: lossBatch, repeats: 0, warmups });
  const cpuBefore = await cpuTime();
  const { times, leaked } = await call({ batch: lossBatch, repeats: runs, warmups: 0 });
  return { batch: lossBatch, times, cpuMs: ((await cpuTime()) - cpuBefore) / runs, leaked };
}

/** Runs one configuration on a page of its own: the backend line, the step's times, the loss times. */
async function measure(browser, servers, cpuTime, config) {
  const errors = [];
  const page = await openPage(
    browser,
    config.isolated ? servers.isolated : servers.plain,
    config.cores,
    errors,
  );
  try {
    const selected = await page.evaluate(
      ([r, o]) => globalThis.contrastiveBench.select(r, o),
      [config.request, config.options],
    );
    if (selected.backend !== config.request)
      return { config, selected, skipped: `${config.request} not selected (${selected.backend})` };
    const count = config.steps ?? steps;
    process.stderr.write(`${config.label}: ${selected.line}\n`);
    const step = await timeTrainStep(page, cpuTime, count);
    process.stderr.write(`${config.label}: step median ${median(step.times).toFixed(0)} ms\n`);
    const loss = [];
    for (const lossBatch of config.sizes ?? sizes)
      loss.push(await timeLoss(page, cpuTime, lossBatch, config.steps ?? repeats, config.lossWarmups ?? 3));
    return { config, selected, step, loss, errors };
  } catch (error) {
    return { config, skipped: error.message.split('\n')[0], errors };
  } finally {
    await page.close();
  }
}

const loadAverage = () =>
  `${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`;

function printResults(results, pytorch) {
  const stepMs = pytorch.reference?.step_ms;
  const lossMs = (b) => pytorch.reference?.loss_ms[String(b)];
  const ratio = (ms, reference) => (reference ? (ms / reference).toFixed(2) : '-');
  const stepRatio = stepMs ? `x PyTorch (${stepMs.toFixed(0)} ms)` : 'x PyTorch';
  console.log(`\nSeed CNN SupCon training step in chromium, batch ${batch} x 2 views (28x28x1), SGD`);
  const stepRows = results.map(({ config, step, skipped, selected }) =>
    step
      ? {
          configuration: config.label,
          steps: step.times.length,
          'median ms': median(step.times).toFixed(0),
          'min ms': Math.min(...step.times).toFixed(0),
          // chromium's processes: on a loaded machine the work done; with threads, every thread's (the
          // page's spinning while it waits for the workers included).
          'median CPU ms': median(step.cpuTimes).toFixed(0),
          [stepRatio]: ratio(median(step.times), stepMs),
          'loss first -> last': `${step.first.toFixed(4)} -> ${step.last.toFixed(4)}`,
          'leaked tensors': step.leaked,
          threads: selected.wasmThreads ?? '-',
          note: [
            config.cores ? `page reports ${config.cores} cores (tfjs' cap: half of them)` : '',
            config.request === 'webgpu' ? 'software adapter: not GPU figures' : '',
          ]
            .filter(Boolean)
            .join('; '),
        }
      : { configuration: config.label, note: `not measured: ${skipped}` },
  );
  if (stepMs)
    stepRows.push({
      configuration: `PyTorch ${pytorch.reference.torch}`,
      'median ms': stepMs.toFixed(0),
      [stepRatio]: '1.00',
    });
  printMarkdownTable(Object.keys({ ...stepRows[0], note: '' }), stepRows);

  console.log('\nSupCon forward + backward in chromium (V = 2, D = 128, labels), 3 warm-ups (webgpu: 1)');
  const lossRows = results.flatMap(({ config, loss }) =>
    (loss ?? []).map((r) => ({
      configuration: config.label,
      B: r.batch,
      runs: r.times.length,
      'median ms': median(r.times).toFixed(1),
      'min ms': Math.min(...r.times).toFixed(1),
      'mean CPU ms': r.cpuMs.toFixed(0),
      'PyTorch ms': lossMs(r.batch)?.toFixed(1) ?? '-',
      'x PyTorch': ratio(median(r.times), lossMs(r.batch)),
      'leaked tensors': r.leaked,
    })),
  );
  if (lossRows.length) printMarkdownTable(Object.keys(lossRows[0]), lossRows);

  console.log('\nBackend line of each page:');
  for (const { config, selected, errors } of results) {
    if (selected) console.log(`- ${config.label}: ${selected.line}`);
    for (const error of errors ?? []) console.log(`  page error: ${error}`);
  }
}

async function main() {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`${CHROMIUM_PATH} is missing: install it with tools/ci/install-chromium.sh`);
  const files = new Map([
    ['/', { body: PAGE, type: 'text/html; charset=utf-8' }],
    ['/bundle.js', { body: await bundleBrowserPage(), type: 'text/javascript; charset=utf-8' }],
    ...fs
      .readdirSync(WASM_DIR)
      .filter((f) => f.endsWith('.wasm'))
      .map((f) => [
        `/wasm/${f}`,
        { body: fs.readFileSync(path.join(WASM_DIR, f)), type: 'application/wasm' },
      ]),
  ]);
  const servers = { plain: await serveFiles(files), isolated: await serveFiles(files, ISOLATION_HEADERS) };
  const startLoad = loadAverage();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const version = browser.version();
  // Chromium's CPU ms so far, summed over its processes (10 ms resolution: read per step, not per kernel).
  const cdp = await browser.newBrowserCDPSession();
  const cpuTime = async () =>
    1000 * (await cdp.send('SystemInfo.getProcessInfo')).processInfo.reduce((sum, p) => sum + p.cpuTime, 0);
  const results = [];
  try {
    for (const config of configurations()) results.push(await measure(browser, servers, cpuTime, config));
  } finally {
    await browser.close();
    await servers.plain.close();
    await servers.isolated.close();
  }
  const endLoad = loadAverage();
  // After the browser rows, so the two never compete for the CPU.
  const pytorch = measurePytorchReference({ skip: skipPytorch, repeats: steps, model: 'seed-cnn', batch });
  console.log(`chromium ${version} (${CHROMIUM_PATH}, headless), node ${process.version}`);
  console.log(describeReference(pytorch));
  console.log(
    `load average: ${startLoad} at the start, ${endLoad} after the browser rows, ${loadAverage()} at the end`,
  );
  printResults(results, pytorch);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
