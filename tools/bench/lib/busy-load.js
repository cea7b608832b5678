// A busy machine on demand (not a benchmark itself): N child processes that each spin a core in
// pure JS, as another job would hold it, until stopped. Benchmarks use it (`--busy N`) to show
// how each path behaves when cores are taken, beside the same run's idle rows.
const { spawn } = require('child_process');
const os = require('os');

const SPIN = 'for (;;) {}';

/**
 * Starts `count` spinning processes; returns { stop() } (also run when this process exits).
 * Each is a plain `node -e` loop: no I/O, no threads, one core's worth of load.
 */
function startBusyLoad(count) {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', SPIN], { stdio: 'ignore' }),
  );
  const stop = () => {
    for (const child of children) if (child.exitCode === null && !child.killed) child.kill('SIGKILL');
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  return { stop, count };
}

/**
 * Waits until the 1-minute load average shows the busy processes (>= `count` - 0.5, so the
 * free-core rule of `threads: 'auto'` sees them), at most `maxSeconds`; resolves to the load
 * average reached. It follows the load with a one-minute time constant: ~45 s from idle.
 */
async function waitForLoad(count, maxSeconds = 90) {
  const deadline = Date.now() + maxSeconds * 1000;
  while (os.loadavg()[0] < count - 0.5 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return os.loadavg()[0];
}

module.exports = { startBusyLoad, waitForLoad };
