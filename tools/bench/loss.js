#!/usr/bin/env node
// SupCon forward + backward time (SupContrast L_out, labels, V = 2, D = 128) for B in {512, 1024, 2048}
// (issue #7's sizes), on the wasm and cpu backends; the cost is O((BV)^2 D), so the ratio to the previous
// size is printed too (x4 per doubling of B when the O(N^2) work dominates).
// Backends are selected through @contrastive/backend's useBackend, so what is measured is what training
// runs: the project's registered kernels, and native kernels when useBackend registers them.
// PyTorch runs the same loss (tools/bench/pytorch/reference.py, B = 512/1024/2048) after the tfjs rows,
// in the same run, when a Python with torch is found (lib/pytorch-reference.js).
// Loads the built packages: run `npx nx run-many -t build` first.
// The pure-JS cpu backend takes ~30 s at B = 2048, so it runs one warm-up and --cpu-repeats (default 1) timed runs.
// Usage: node tools/bench/loss.js [--repeats N] [--backends wasm,cpu] [--sizes 128,512,1024,2048] [--loss supcon|ntxent]
//                                 [--cpu-repeats 1] [--no-pytorch]
//                                 [--threads 1,2]  wasm thread counts (each wasm row runs in its own child process,
//                                                  since the count is fixed when wasm initialises; default 1)
// Besides wall time, each row gives the process CPU time of a run (all threads): on a busy machine that
// is the work done, whatever else runs.
// Figures are indicative: the CPU is shared.
const tf = require('@tensorflow/tfjs-core');
const backend = require('../../packages/backend/dist');
const { median } = require('./lib/median');
const { printMarkdownTable } = require('./lib/markdown-table');
const { measurePytorchReference, describeReference } = require('./lib/pytorch-reference');
const { timeLoss, VIEWS: views, DIM: dim } = require('./lib/supcon-loss-timing');

const { args, option } = require('./lib/options').benchOptions();
const repeats = Number(option('repeats', 5));
const cpuRepeats = Number(option('cpu-repeats', 1));
const backends = option('backends', 'wasm,cpu').split(',');
const sizes = option('sizes', '512,1024,2048').split(',').map(Number);
const lossName = option('loss', 'supcon');
const skipPytorch = args.includes('--no-pytorch');
const threadCounts = option('threads', '1').split(',').map(Number);
const childRun = option('child-run', undefined); // internal: one wasm row as JSON {label, native, simd, threads}

/** This process's CPU time (all threads) in ms. */
function cpuNow() {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/** One backend row over every size, on the backend `useBackend` selected. */
async function measureSizes(name, label) {
  const measured = [];
  let previous;
  for (const batch of sizes) {
    const { times, cpuTimes, leaked } = await timeLoss(
      batch,
      name === 'cpu'
        ? { warmups: 1, repeats: cpuRepeats, lossName, cpuNow }
        : { warmups: 3, repeats, lossName, cpuNow },
    );
    const ms = median(times);
    measured.push({
      backend: label,
      batch,
      runs: times.length,
      ms,
      min: Math.min(...times),
      cpuMs: median(cpuTimes),
      previous,
      leaked,
    });
    console.error(`${label} B=${batch}: ${ms.toFixed(1)} ms`); // progress: the cpu rows take minutes
    previous = ms;
  }
  return measured;
}

/** A wasm row in a child process (the thread count is fixed when wasm initialises; kernels stay registered once used). */
function wasmInChild(run) {
  const { execFileSync } = require('child_process');
  const forwarded = ['--repeats', String(repeats), '--sizes', sizes.join(','), '--loss', lossName];
  const out = execFileSync(process.execPath, [__filename, '--child-run', JSON.stringify(run), ...forwarded], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop());
}

async function main() {
  if (childRun !== undefined) {
    const run = JSON.parse(childRun);
    const notes = [];
    await backend.useBackend('wasm', {
      threads: run.threads,
      native: run.native,
      simd: run.simd,
      log: (line) => notes.push(line),
    });
    const threads = require('@tensorflow/tfjs-backend-wasm').getThreadsCount();
    const label = `${run.label} (${threads} thread${threads > 1 ? 's' : ''})`;
    console.log(JSON.stringify({ measured: await measureSizes('wasm', label), notes }));
    return;
  }
  const availability = backend.availableBackends();
  const measured = [];
  const notes = [];
  // wasm without our SIMD kernels, with them (what every machine without oneDNN and every browser
  // runs), then, when @contrastive/backend-native is built, with its kernels; each thread count of
  // each in its own child process.
  const runs = backends.flatMap((name) =>
    name === 'wasm'
      ? [
          { name, label: 'wasm without simd or native kernels', native: 'off', simd: 'off' },
          { name, label: 'wasm + simd kernels', native: 'off', simd: 'auto' },
          ...(backend.loadNativeKernels().available
            ? [{ name, label: 'wasm + native kernels', native: 'auto', simd: 'auto' }]
            : []),
        ].flatMap((run) => threadCounts.map((threads) => ({ ...run, threads })))
      : [{ name, label: name, native: 'off', simd: 'auto' }],
  );
  for (const run of runs) {
    const { name, label, native, simd } = run;
    const entry = availability.find((a) => a.name === name);
    if (!entry || !entry.available) {
      notes.push(`${name}: not available${entry ? ` (${entry.detail})` : ''}, skipped`);
      continue;
    }
    if (name === 'wasm') {
      const child = wasmInChild(run);
      measured.push(...child.measured);
      // useBackend's one line says which kernels (ours, native) are registered: worth keeping with the figures.
      notes.push(...child.notes);
      continue;
    }
    await backend.useBackend(name, { native, simd, log: (line) => notes.push(line) });
    measured.push(...(await measureSizes(name, label)));
  }
  // After the tfjs rows, so the two never compete for the CPU.
  const pytorch =
    lossName === 'supcon'
      ? measurePytorchReference({ skip: skipPytorch })
      : { reason: 'reference is SupCon only' };
  const pytorchMs = (batch) => pytorch.reference?.loss_ms[String(batch)];
  const rows = measured.map((m) => ({
    backend: m.backend,
    B: m.batch,
    'rows BV': m.batch * views,
    runs: m.runs,
    'median ms': m.ms.toFixed(1),
    'min ms': m.min.toFixed(1),
    'median CPU ms': m.cpuMs.toFixed(1),
    'x previous size': m.previous ? (m.ms / m.previous).toFixed(2) : '-',
    'PyTorch ms': pytorchMs(m.batch)?.toFixed(1) ?? '-',
    'x PyTorch': pytorchMs(m.batch) ? (m.ms / pytorchMs(m.batch)).toFixed(2) : '-',
    'leaked tensors': m.leaked,
  }));
  console.log(
    `${lossName} fwd+bwd, V=${views}, D=${dim}: median and min of the timed runs after 3 warm-ups, ` +
      'median process CPU time (all threads) ' +
      `(cpu: 1 warm-up) (tfjs ${tf.version_core}, node ${process.version})`,
  );
  console.log(describeReference(pytorch));
  console.log(
    `load average at the end: ${require('os')
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${require('os').cpus().length} cores (PyTorch's 2 threads suffer most from a busy box)`,
  );
  for (const note of notes) console.log(note);
  printMarkdownTable(Object.keys(rows[0] ?? { backend: '' }), rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
