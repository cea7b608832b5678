import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findTorchPython } from './helpers';

/** Outputs of an exported model for one batch (flat, row-major). */
export interface ExportedOutputs {
  features: Float32Array;
  embeddings?: Float32Array;
}

/** One ONNX run: an export directory and a batch in its input layout (NCHW for images). */
export interface OnnxJob {
  directory: string;
  x: Float32Array;
  inputShape: number[];
}

/** Runs each job's `model.onnx` with onnxruntime-node's CPU provider, in one child Node process. */
export async function runOnnx(jobs: OnnxJob[]): Promise<ExportedOutputs[]> {
  return runJobs(process.execPath, path.join(__dirname, 'onnx', 'run-onnx.js'), jobs, (job, input) => ({
    file: path.join(job.directory, 'model.onnx'),
    input,
    shape: [job.x.length / job.inputShape.reduce((a, b) => a * b, 1), ...job.inputShape],
  }));
}

/** One PyTorch run: an export directory and a batch in its input layout (NCHW for images). */
export interface TorchJob {
  directory: string;
  x: Float32Array;
  batch: number;
}

/**
 * Runs each job's `model.py` with its `model.safetensors` in PyTorch (eval mode, no grad), all in
 * one Python process (importing torch takes seconds).
 */
export async function runTorch(jobs: TorchJob[]): Promise<Array<ExportedOutputs & { parameters: number }>> {
  return runJobs(findTorchPython(), path.join(__dirname, 'pytorch', 'run_exported.py'), jobs, (job, input) => ({
    dir: job.directory,
    input,
    batch: job.batch,
  }));
}

/** Writes each job's input to a raw float32 file, runs `script` once over all jobs (JSON on stdin), parses its JSON output. */
async function runJobs<J extends { x: Float32Array }, R>(
  command: string,
  script: string,
  jobs: J[],
  spec: (job: J, inputFile: string) => object,
): Promise<R[]> {
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'contrastive-run-'));
  try {
    const specs = await Promise.all(
      jobs.map(async (job, i) => {
        const input = path.join(temp, `input-${i}.f32`);
        await fs.writeFile(input, new Uint8Array(job.x.buffer, job.x.byteOffset, job.x.byteLength));
        return spec(job, input);
      }),
    );
    const run = spawnSync(command, [script], { input: JSON.stringify(specs), encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`${path.basename(script)} failed in ${command} (exit ${run.status}):\n${run.stderr}`);
    const parsed = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    return parsed.map((r) => {
      const out: Record<string, unknown> = { ...r };
      for (const key of ['features', 'embeddings']) if (Array.isArray(r[key])) out[key] = Float32Array.from(r[key] as number[]);
      return out as R;
    });
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
}
