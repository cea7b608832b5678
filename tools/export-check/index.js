// Runs exported models (from @contrastive/export) in their target runtimes, for tests that compare
// them with tfjs: model.onnx in onnxruntime-node (a child Node process: inside jest's sandbox
// onnxruntime's output arrays fail its own Float32Array checks) and model.py + model.safetensors in
// PyTorch (Debian's python3-torch). Each runs all jobs in one process (importing torch takes seconds).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const CANDIDATES = (env) => [env.CONTRASTIVE_PYTORCH_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);
let torchPython;

/**
 * A Python that imports torch and numpy: $CONTRASTIVE_PYTORCH_PYTHON, `python3` on PATH, then
 * /usr/bin/python3 (where Debian's python3-torch lives; a pyenv python3 lacks it). Throws a clear
 * error when none has it: the PyTorch checks fail rather than pass silently.
 */
function findTorchPython(env = process.env) {
  if (torchPython) return torchPython;
  const candidates = CANDIDATES(env);
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
    if (probe.status === 0) return (torchPython = candidate);
  }
  throw new Error(
    `PyTorch is not installed (tried ${candidates.join(', ')}), so the PyTorch export cannot be checked. ` +
      "Install Debian's python3-torch with 'bash tools/ci/install-torch.sh' (what .ci/run does), " +
      'or set CONTRASTIVE_PYTORCH_PYTHON to a Python with torch and numpy.',
  );
}

function toArrays(result) {
  const out = { ...result };
  for (const key of ['features', 'embeddings'])
    if (Array.isArray(result[key])) out[key] = Float32Array.from(result[key]);
  return out;
}

/** Writes each job's input as raw float32, runs `script` once over all jobs (JSON on stdin), parses its JSON. */
function runJobs(command, script, jobs, spec) {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'contrastive-export-check-'));
  try {
    const specs = jobs.map((job, i) => {
      const input = path.join(temp, `input-${i}.f32`);
      fs.writeFileSync(input, new Uint8Array(job.x.buffer, job.x.byteOffset, job.x.byteLength));
      return spec(job, input);
    });
    const run = spawnSync(command, [script], {
      input: JSON.stringify(specs),
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    if (run.status !== 0)
      throw new Error(`${path.basename(script)} failed in ${command} (exit ${run.status}):\n${run.stderr}`);
    return JSON.parse(run.stdout).map(toArrays);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Runs `<directory>/model.onnx` for each job `{ directory, x, inputShape }` (x in the export's
 * layout, NCHW for images). Returns `[{ features, embeddings? }]` (Float32Arrays).
 */
function runOnnx(jobs) {
  return runJobs(process.execPath, path.join(__dirname, 'run-onnx.js'), jobs, (job, input) => ({
    file: path.join(job.directory, 'model.onnx'),
    input,
    shape: [job.x.length / job.inputShape.reduce((a, b) => a * b, 1), ...job.inputShape],
  }));
}

/**
 * Runs `<directory>/model.py` with its safetensors in PyTorch (eval mode) for each job
 * `{ directory, x, batch }`. Returns `[{ features, embeddings?, parameters }]`.
 */
function runTorch(jobs) {
  return runJobs(findTorchPython(), path.join(__dirname, 'run_torch.py'), jobs, (job, input) => ({
    dir: job.directory,
    input,
    batch: job.batch,
  }));
}

module.exports = { findTorchPython, runOnnx, runTorch };
