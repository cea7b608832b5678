import { promises as fs } from 'fs';
import * as path from 'path';
import { loadFashionMnistEmbedded } from '@contrastive/datasets';
import { runOnnx, runTorch } from '../../../../tools/export-check';
import { runCli } from '../helpers/run-cli';
import { tempDir, tinyConfig, writeFile } from '../helpers/tiny-config';

jest.setTimeout(300000);

const SPLIT = { trainPerClass: 10, testPerClass: 5 };

/** Float32 data of a .npy written by `contrastive embed`. */
function npyData(bytes: Buffer): Float32Array {
  const headerLength = bytes.readUInt16LE(8);
  return new Float32Array(
    bytes.buffer.slice(bytes.byteOffset + 10 + headerLength, bytes.byteOffset + bytes.length),
  );
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i])), 0);
}

/** `[N, H, W, C]` -> `[N, C, H, W]`. */
function toNchw(x: Float32Array, [h, w, c]: number[]): Float32Array {
  const out = new Float32Array(x.length);
  const size = h * w * c;
  for (let n = 0; n < x.length / size; n++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let k = 0; k < c; k++) out[n * size + (k * h + i) * w + j] = x[n * size + (i * w + j) * c + k];
  return out;
}

describe('contrastive export', () => {
  let dir: string;
  let model: string;

  beforeAll(async () => {
    dir = await tempDir();
    // The encoder and head `npm start` trains (seed CNN, MLP head to 128), on the tiny test budget.
    const config = await writeFile(
      dir,
      'config.json',
      tinyConfig(path.join(dir, 'run'), {
        encoder: { id: 'seed-cnn', options: {} },
        head: { id: 'mlp', options: { outputDim: 128 } },
      }),
    );
    const train = await runCli(['train', '--config', config, '--quiet', '--no-report']);
    expect(train.code).toBe(0);
    model = path.join(dir, 'run', 'model');
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes ONNX and PyTorch files that give the same features and embeddings as `embed` on the test split', async () => {
    const out = path.join(dir, 'export');
    const run = await runCli(['export', '--model', model, '--out', out, '--json']);
    expect(run.code).toBe(0);
    const result = run.json().find((e) => e.event === 'result')!;
    expect(result).toMatchObject({
      formats: ['onnx', 'pytorch'],
      includeHead: true,
      inputLayout: 'NCHW',
      inputShape: [1, 28, 28],
    });
    expect((await fs.readdir(out)).sort()).toEqual([
      'export.json',
      'model.onnx',
      'model.py',
      'model.safetensors',
    ]);

    const options = ['--dataset-options', JSON.stringify(SPLIT), '--backend', 'cpu', '--quiet'];
    for (const space of ['features', 'embeddings']) {
      expect(
        (
          await runCli([
            'embed',
            '--model',
            model,
            '--out',
            path.join(dir, `${space}.npy`),
            '--space',
            space,
            ...options,
          ])
        ).code,
      ).toBe(0);
    }
    const tfjs = {
      features: npyData(await fs.readFile(path.join(dir, 'features.npy'))),
      embeddings: npyData(await fs.readFile(path.join(dir, 'embeddings.npy'))),
    };
    const test = loadFashionMnistEmbedded(SPLIT).test;
    const x = toNchw(test.x, test.exampleShape);
    const [onnx] = runOnnx([{ directory: out, x, inputShape: [1, 28, 28] }]);
    const [torch] = runTorch([{ directory: out, x, batch: test.size }]);
    for (const exported of [onnx, torch]) {
      expect(maxAbsDiff(exported.features, tfjs.features)).toBeLessThan(1e-4);
      expect(maxAbsDiff(exported.embeddings!, tfjs.embeddings)).toBeLessThan(1e-4);
    }
  });

  it('--format onnx --no-head writes the encoder alone', async () => {
    const out = path.join(dir, 'encoder-only');
    const run = await runCli(['export', '-m', model, '-o', out, '--format', 'onnx', '--no-head', '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no head');
    expect((await fs.readdir(out)).sort()).toEqual(['export.json', 'model.onnx']);
    expect(JSON.parse(await fs.readFile(path.join(out, 'export.json'), 'utf8'))).toMatchObject({
      includeHead: false,
      onnx: { outputs: ['features'] },
    });
  });

  it('names a missing model (exit 4) and a bad format (exit 2)', async () => {
    const missing = await runCli([
      'export',
      '-m',
      path.join(dir, 'nope'),
      '-o',
      path.join(dir, 'x'),
      '--quiet',
    ]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/no model at .*nope: model.json not found/);
    const badFormat = await runCli([
      'export',
      '-m',
      model,
      '-o',
      path.join(dir, 'x'),
      '--format',
      'tflite',
      '--quiet',
    ]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain("--format must be one of onnx, pytorch, all, got 'tflite'");
  });

  it('never overwrites: existing export files need --force, a file as --out is refused (exit 2)', async () => {
    const out = path.join(dir, 'again');
    const args = ['export', '-m', model, '-o', out, '--format', 'onnx', '--quiet'];
    expect((await runCli(args)).code).toBe(0);
    const first = await fs.readFile(path.join(out, 'model.onnx'));
    await fs.writeFile(path.join(out, 'notes.txt'), 'mine');

    const refused = await runCli(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `contrastive: ${path.join(out, 'model.onnx')} exists; pass --force to overwrite it\n`,
    );
    // Another format would still replace export.json, which describes the first export.
    const otherFormat = await runCli([...args.slice(0, 5), '--format', 'pytorch', '--quiet']);
    expect(otherFormat.stderr).toContain(`${path.join(out, 'export.json')} exists`);
    const forced = await runCli([...args, '--force']);
    expect(forced.code).toBe(0);
    expect(await fs.readFile(path.join(out, 'model.onnx'))).toEqual(first);
    expect(await fs.readFile(path.join(out, 'notes.txt'), 'utf8')).toBe('mine');

    const file = path.join(dir, 'a-file');
    await fs.writeFile(file, 'x');
    const onFile = await runCli(['export', '-m', model, '-o', file, '--quiet']);
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toBe(`contrastive: --out ${file} is a file, not a directory\n`);
  });
});
