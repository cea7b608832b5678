#!/usr/bin/env node
// One SGD training step on every available backend (not a test), SupCon loss (temperature 0.1):
//   --model seed-cnn (default): the seeds' MNIST CNN, conv 3x3x16 - relu - maxpool 2 - conv 3x3x32 -
//     relu - maxpool 2 - fc 128 relu - linear 128 head, L2-normalised, input 28x28x1;
//   --model resnet18: ResNet-18 with the CIFAR stem (@contrastive/encoders) + linear 128 head,
//     L2-normalised, input 32x32x3;
// batch 256 x 2 views = 512 images (--batch sets the first number).
// Prints the median of N steps after warm-up per backend (wall time, and process CPU time, which
// for the single-threaded wasm rows is the work done whatever else loads the machine). wasm runs
// four ways: + native kernels (@contrastive/backend-native, when built), + simd kernels (ours,
// WebAssembly SIMD, as useBackend registers them: every machine without oneDNN, every browser),
// + simd kernels with the forward convolutions too (`simd: 'all'`), and without either. The pure-JS cpu backend takes far
// longer, so it runs a single timed step (after one warm-up) unless --cpu-steps says otherwise;
// --skip-cpu leaves it out. So does webgpu on a software adapter (SwiftShader): its row says so,
// and its figures only show that the path works, not what a GPU does.
// Loads the built packages: run `npx nx run-many -t build` (backend, losses, encoders) first.
// Usage: node tools/bench/train-step.js [--model seed-cnn|resnet18] [--batch 256] [--steps 7]
//          [--backends webgpu,tensorflow,wasm,cpu] [--cpu-steps 1] [--skip-cpu]
//          [--threads 1,2,auto] wasm thread counts to compare, `auto` being useBackend's default
//                            (the free cores); each runs in its own child process, since the count
//                            is fixed when wasm initialises; default auto. The native kernels'
//                            OpenMP threads follow the same count.
//          [--wasm-variants native,simd,simd-all,none] which wasm rows to run (default all)
//          [--busy N]        a busy machine: N child processes spin a core each (pure JS) from
//                            before the first row to the end, PyTorch included; the run first waits
//                            (at most --busy-wait 90 s) until the 1-minute load average shows them,
//                            so `auto` sees them as `threads: 'auto'` would on such a machine
//          [--no-pytorch]    skip the PyTorch reference
// PyTorch runs the same step (tools/bench/pytorch/reference.py) after the tfjs rows, in the same run,
// when a Python with torch is found (lib/pytorch-reference.js); the ratio column is "-" otherwise.
// Figures are indicative: the CPU is shared.
const tf = require('@tensorflow/tfjs-core');
const backend = require('../../packages/backend/dist');

const { makeWeights, makeLoss, makeSgdStep, makeStep } = require('./lib/seed-cnn-step');
const { makeResNet18 } = require('./lib/resnet18-step');
const { median } = require('./lib/median');
const { printMarkdownTable } = require('./lib/markdown-table');
const { measurePytorchReference, describeReference } = require('./lib/pytorch-reference');

const { args, option } = require('./lib/options').benchOptions();
const steps = Number(option('steps', 7));
const cpuSteps = Number(option('cpu-steps', 1));
const skipCpu = args.includes('--skip-cpu');
const skipPytorch = args.includes('--no-pytorch');
const requested = option('backends', 'webgpu,tensorflow,wasm,cpu').split(',');
const threadCounts = option('threads', 'auto')
  .split(',')
  .map((t) => {
    if (t === 'auto') return t;
    if (!/^\d+$/.test(t) || Number(t) < 1) throw new Error(`--threads: positive integers or auto, got ${t}`);
    return Number(t);
  });
const WASM_VARIANTS = ['native', 'simd', 'simd-all', 'none'];
const wasmVariants = option('wasm-variants', WASM_VARIANTS.join(',')).split(',');
for (const v of wasmVariants) {
  if (!WASM_VARIANTS.includes(v)) throw new Error(`--wasm-variants: some of ${WASM_VARIANTS.join(', ')}, got ${v}`);
}
const busy = Number(option('busy', 0));
if (!Number.isInteger(busy) || busy < 0) throw new Error(`--busy: a count of busy processes >= 0, got ${option('busy')}`);
const busyWait = Number(option('busy-wait', 90));
const childThreads = option('child-threads', undefined); // internal: one wasm run, JSON on stdout
const childNative = option('child-native', 'auto'); // internal: the child's native kernels mode
const childSimd = option('child-simd', 'auto'); // internal: the child's SIMD kernels mode
const modelName = option('model', 'seed-cnn');
if (!['seed-cnn', 'resnet18'].includes(modelName)) throw new Error(`--model: seed-cnn or resnet18, got ${modelName}`);
const batch = Number(option('batch', 256));
if (!Number.isInteger(batch) || batch < 2) throw new Error(`--batch: an integer >= 2, got ${option('batch')}`);
const views = 2;
const classes = 10;
const imageShape = modelName === 'resnet18' ? [32, 32, 3] : [28, 28, 1];

/** The model's SGD step (resolves to the loss) and how to free it. */
function makeModelStep(loss, optimizer) {
  if (modelName === 'resnet18') {
    const resnet = makeResNet18();
    return { step: makeStep(resnet.variables, optimizer, loss, resnet.embedViews), dispose: resnet.dispose };
  }
  const weights = makeWeights();
  return { step: makeSgdStep(weights, optimizer, loss), dispose: () => tf.dispose(Object.values(weights)) };
}

function makeBatch() {
  const x = tf.randomUniform([batch, views, ...imageShape], 0, 1, 'float32', 7);
  const labels = tf.tensor1d(
    Array.from({ length: batch }, (_, i) => i % classes),
    'int32',
  );
  return { x, labels };
}

async function timeBackend(name, loss, count) {
  const optimizer = tf.train.sgd(0.05);
  const { x, labels } = makeBatch();
  const model = makeModelStep(loss, optimizer);
  const step = () => model.step(x, labels);
  const warm = await step(); // warm-up: kernel setup (shader compiles on webgpu), wasm allocation
  const times = [];
  const cpuTimes = [];
  let last = warm;
  const before = tf.memory().numTensors;
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    last = await step();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const leaked = tf.memory().numTensors - before;
  tf.dispose([x, labels]);
  model.dispose();
  optimizer.dispose();
  return { times, cpuTimes, first: warm, last, leaked };
}

/** The webgpu row: on whatever adapter there is, software ones marked (and capped like cpu). */
async function webgpuRow(loss) {
  const probe = await backend.probeWebGpu();
  if (!probe.available) return { name: 'webgpu', note: `not available: ${probe.reason}` };
  await backend.useBackend('webgpu', { quiet: true, allowSoftwareGpu: true });
  const software = probe.adapter.software;
  const count = software ? cpuSteps : steps;
  const result = await timeBackend('webgpu', loss, count);
  await tf.setBackend('cpu'); // frees nothing on webgpu, but later rows must not run there
  return {
    name: `webgpu (${backend.adapterLabel(probe.adapter)})`,
    ...result,
    note: software
      ? `software adapter (${probe.adapter.description || probe.adapter.architecture}) through ${probe.source}: shows the path works; not GPU figures; capped at ${count} step(s)`
      : `through ${probe.source}`,
  };
}

/**
 * Runs the wasm row with `threads`, native kernels `native` ('auto' | 'off') and SIMD kernels
 * `simd` ('auto' | 'off') in a child process (threads are fixed at wasm init, kernels stay
 * registered once used).
 */
function wasmInChild(threads, native, simd) {
  const { execFileSync } = require('child_process');
  const out = execFileSync(
    process.execPath,
    [
      __filename,
      ...['--child-threads', String(threads), '--child-native', native, '--child-simd', simd, '--steps', String(steps)],
      ...['--model', modelName, '--batch', String(batch)],
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out.trim().split('\n').pop());
}

async function main() {
  const loss = makeLoss();
  if (childThreads !== undefined) {
    let backendLine = '';
    await backend.useBackend('wasm', {
      threads: childThreads === 'auto' ? 'auto' : Number(childThreads),
      native: childNative,
      simd: childSimd,
      log: (line) => (backendLine = line),
    });
    const result = await timeBackend('wasm', loss, steps);
    console.log(
      JSON.stringify({
        ...result,
        actualThreads: require('@tensorflow/tfjs-backend-wasm').getThreadsCount(),
        // Whether native or SIMD kernels ran (and on how many threads) changes what the row means.
        native: /native kernels: [^;]*/.exec(backendLine)?.[0] ?? '',
        simd: /simd kernels: [^;]*/.exec(backendLine)?.[0] ?? '',
        // How many threads and why: `auto: 1 of 2 cores free, load average 1.2`.
        threadsWhy: /wasm threads: \d+ \(.*?\) \[([^\]]*)\]/.exec(backendLine)?.[1] ?? '',
        described: backend.describeBackend(),
      }),
    );
    return;
  }
  const availability = backend.availableBackends();
  const rows = [];
  const loadAtStart = loadAverage();
  const busyLoad = busy > 0 ? require('./lib/busy-load').startBusyLoad(busy) : undefined;
  const loadWhenBusy = busyLoad ? await require('./lib/busy-load').waitForLoad(busy, busyWait) : undefined;
  for (const name of requested) {
    if (name === 'webgpu') {
      rows.push(await webgpuRow(loss));
      continue;
    }
    const entry = availability.find((a) => a.name === name);
    if (!entry) continue;
    if (name === 'cpu' && skipCpu) {
      rows.push({ name, note: 'skipped (--skip-cpu)' });
      continue;
    }
    if (!entry.available) {
      rows.push({ name, note: `not available: ${entry.detail}` });
      continue;
    }
    if (name === 'wasm') {
      // With @contrastive/backend-native's kernels when they are built; with our SIMD kernels, as
      // every machine without oneDNN and every browser gets it; and with neither (what wasm ran
      // before the SIMD kernels: tfjs' kernels and @contrastive/backend's composed ones).
      const variants = [
        ...(backend.loadNativeKernels().available
          ? [{ id: 'native', native: 'auto', simd: 'auto', label: '+ native kernels' }]
          : []),
        { id: 'simd', native: 'off', simd: 'auto', label: '+ simd kernels' },
        { id: 'simd-all', native: 'off', simd: 'all', label: '+ simd kernels, forward convolutions too' },
        { id: 'none', native: 'off', simd: 'off', label: 'without simd or native kernels' },
      ].filter((variant) => wasmVariants.includes(variant.id));
      for (const variant of variants) {
        for (const threads of threadCounts) {
          const result = wasmInChild(threads, variant.native, variant.simd);
          const wasmThreads = `${threads === 'auto' ? 'auto: ' : ''}${result.actualThreads} thread${result.actualThreads > 1 ? 's' : ''}`;
          const kernels =
            variant.native === 'auto'
              ? result.native.replace(/ for .*/, '')
              : variant.simd !== 'off'
                ? `${result.simd.replace(/ for .*/, '')} (simd: '${variant.simd}')`
                : 'native kernels: off; simd kernels: off';
          rows.push({
            name: `wasm (${wasmThreads}) ${variant.label}`,
            ...result,
            note: `${kernels}; threads: ${result.threadsWhy}`,
          });
        }
      }
      continue;
    }
    await backend.useBackend(name, { quiet: true });
    const count = name === 'cpu' ? cpuSteps : steps;
    const result = await timeBackend(name, loss, count);
    rows.push({ name, ...result, note: name === 'cpu' ? `capped at ${count} step(s) (--cpu-steps)` : '' });
  }
  // After the tfjs rows, so the two never compete for the CPU (with --busy, under the same load).
  const pytorch = measurePytorchReference({ skip: skipPytorch, repeats: steps, model: modelName, batch });
  const loadAtEnd = loadAverage();
  busyLoad?.stop();
  const pytorchMs = pytorch.reference?.step_ms;
  const described = modelName === 'resnet18' ? 'ResNet-18 (CIFAR stem)' : 'Seed CNN';
  console.log(`${described} training step, batch ${batch} x ${views} views (${imageShape.join('x')}), SGD, loss: ${loss.name}`);
  console.log(describeReference(pytorch));
  const cores = require('os').availableParallelism?.() ?? require('os').cpus().length;
  console.log(
    `load average (1, 5, 15 min) at the start: ${loadAtStart}; at the end: ${loadAtEnd}; ${cores} cores` +
      (busyLoad
        ? `; busy machine: ${busy} spinning process${busy > 1 ? 'es' : ''} (--busy) ran through every row and PyTorch` +
          ` (1-min load average ${loadWhenBusy.toFixed(1)} when measuring began)`
        : ''),
  );
  const ratioColumn = pytorchMs ? `x PyTorch (${pytorchMs.toFixed(0)} ms)` : 'x PyTorch';
  const columns = [
    'backend',
    'steps',
    'median ms',
    'min ms',
    'median CPU ms',
    ratioColumn,
    'loss first -> last',
    'leaked tensors',
    'note',
  ];
  const table = rows.map((r) => {
    if (!r.times) return { backend: r.name, note: r.note };
    const med = median(r.times);
    return {
      backend: r.name,
      steps: r.times.length,
      'median ms': med.toFixed(0),
      'min ms': Math.min(...r.times).toFixed(0),
      // Process CPU time: on a loaded machine, the work a single-threaded row did (wall - waiting).
      'median CPU ms': median(r.cpuTimes).toFixed(0),
      [ratioColumn]: pytorchMs ? (med / pytorchMs).toFixed(2) : '-',
      'loss first -> last': `${r.first.toFixed(4)} -> ${r.last.toFixed(4)}`,
      'leaked tensors': r.leaked,
      note: r.note,
    };
  });
  if (pytorch.reference) {
    table.push({
      backend: `PyTorch ${pytorch.reference.torch} (${pytorch.reference.threads} threads)`,
      steps: steps,
      'median ms': pytorchMs.toFixed(0),
      'median CPU ms': pytorch.reference.step_cpu_ms?.toFixed(0) ?? '',
      [ratioColumn]: '1.00',
      note: 'tools/bench/pytorch/reference.py (SGD with momentum 0.9)',
    });
  }
  printMarkdownTable(columns, table);
}

/** The 1, 5 and 15-minute load averages, e.g. `1.2 0.9 0.6`. */
function loadAverage() {
  return require('os')
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
