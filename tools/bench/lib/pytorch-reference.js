// PyTorch's time for the same work, measured in the same run (not a benchmark itself): runs
// tools/bench/pytorch/reference.py when a Python with torch is found. The project never depends
// on PyTorch, so "not available" is an ordinary answer, with the reason.
const { spawnSync } = require('child_process');
const path = require('path');

const SCRIPT = path.join(__dirname, '..', 'pytorch', 'reference.py');
// Debian's python3-torch is installed for the system Python only (a pyenv `python3` on PATH lacks it).
const DEFAULT_PYTHON = '/usr/bin/python3';
// The dev box has 2 cores; PyTorch would otherwise pick its own thread count.
const DEFAULT_THREADS = '2';

/** The Python that runs the reference: $CONTRASTIVE_PYTORCH_PYTHON, else the system one. */
function pythonPath(env = process.env) {
  return env.CONTRASTIVE_PYTORCH_PYTHON || DEFAULT_PYTHON;
}

/** The last non-empty line of a process's output (Python puts the exception there). */
function lastLine(text) {
  const lines = String(text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

/**
 * Runs the reference (`repeats` timed steps; the script's own default when undefined) for `model`
 * ('seed-cnn' by default, or 'resnet18') at `batch` x 2 views (default 256).
 * Returns { reference: { torch, threads, step_ms, loss_ms: { 512, 1024, 2048 }, python } } or
 * { reference: undefined, reason } when PyTorch cannot be run here (or `skip`, for --no-pytorch).
 */
function measurePytorchReference({ repeats, skip = false, env = process.env, model, batch } = {}) {
  if (skip) return { reference: undefined, reason: '--no-pytorch', skipped: true };
  const python = pythonPath(env);
  const args = [
    SCRIPT,
    ...(repeats === undefined ? [] : [String(repeats)]),
    ...(model === undefined ? [] : ['--model', model]),
    ...(batch === undefined ? [] : ['--batch', String(batch)]),
  ];
  const result = spawnSync(python, args, {
    encoding: 'utf8',
    env: { ...env, OMP_NUM_THREADS: env.OMP_NUM_THREADS || DEFAULT_THREADS },
    timeout: 10 * 60 * 1000,
  });
  if (result.error) {
    const why = result.error.code === 'ENOENT' ? 'not found' : result.error.message;
    return { reference: undefined, reason: `${python}: ${why}` };
  }
  if (result.status !== 0) {
    const error = lastLine(result.stderr);
    const reason = /No module named '?torch/.test(error)
      ? `${python} cannot import torch`
      : `reference.py exited with ${result.status}: ${error}`;
    return { reference: undefined, reason };
  }
  try {
    return { reference: { ...JSON.parse(lastLine(result.stdout)), python } };
  } catch {
    return { reference: undefined, reason: `reference.py printed no JSON: ${lastLine(result.stdout)}` };
  }
}

/** One line naming what was compared with, e.g. "PyTorch 1.13.0 (2 threads, /usr/bin/python3)". */
function describeReference({ reference, reason, skipped }) {
  if (skipped) return `PyTorch: not measured (${reason})`;
  return reference
    ? `PyTorch ${reference.torch} (${reference.threads} thread${reference.threads === 1 ? '' : 's'}, ${reference.python}), measured in this run`
    : `PyTorch: not available (${reason})`;
}

module.exports = { measurePytorchReference, describeReference, pythonPath };
