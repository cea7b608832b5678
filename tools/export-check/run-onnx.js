// Test driver: runs exported model.onnx files with onnxruntime-node's CPU provider, in a plain
// Node process (inside jest's sandbox onnxruntime's output arrays fail its Float32Array checks).
// stdin: JSON list of {"file": MODEL_ONNX, "input": RAW_F32_FILE, "shape": [B, ...]}.
// stdout: JSON list of {"features": [...], "embeddings": [...] (when the model has a head)}.
const fs = require('fs');
const ort = require('onnxruntime-node');

async function main() {
  const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
  const results = [];
  for (const job of jobs) {
    const bytes = fs.readFileSync(job.input);
    const x = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const session = await ort.InferenceSession.create(job.file);
    const out = await session.run({ input: new ort.Tensor('float32', x, job.shape) });
    results.push({
      features: Array.from(out.features.data),
      ...(out.embeddings ? { embeddings: Array.from(out.embeddings.data) } : {}),
    });
    await session.release();
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
