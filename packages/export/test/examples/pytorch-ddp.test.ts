import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs-core';
import { loadFashionMnistEmbedded } from '@contrastive/datasets';
import { SupConLoss } from '@contrastive/losses';
import { findTorchPython } from '../../../../tools/export-check';
import { exportModel } from '../../src/export-model';
import { buildModel, nhwcToNchw, useCpu } from '../helpers';

useCpu();
jest.setTimeout(600_000);

const SCRIPT = path.resolve(__dirname, '../../../../docs/examples/pytorch/train_ddp.py');
const TEMPERATURE = 0.1;

/** An unsigned-byte IDX file (what `--idx-images` / `--idx-labels` read), from values in [0, 255]. */
function idx(values: Uint8Array, dims: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt8(0x08, 2);
  header.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(values)]);
}

function run(python: string, args: string[]): { stdout: string; stderr: string } {
  const result = spawnSync(python, args, {
    encoding: 'utf8',
    // One thread per process: two processes share the machine's two cores.
    env: { ...process.env, OMP_NUM_THREADS: '1' },
    timeout: 480_000,
  });
  if (result.status !== 0)
    throw new Error(`${python} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

describe('docs/examples/pytorch/train_ddp.py', () => {
  let dir: string;
  let python: string;

  beforeAll(async () => {
    python = findTorchPython();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'contrastive-ddp-'));
    // The model `npm start` trains: seed CNN + MLP head to 128.
    const model = buildModel('seed-cnn', { id: 'mlp', options: { outputDim: 128 } }, [28, 28, 1], 5);
    try {
      await exportModel(model, path.join(dir, 'export'));
      // The loss at step 0: one batch of 2 views through the same weights, in training mode.
      const data = loadFashionMnistEmbedded({ trainPerClass: 3, testPerClass: 1 }).train;
      const size = 28 * 28;
      const views = new Float32Array(data.size * 2 * size);
      for (let i = 0; i < data.size; i++) {
        const image = data.x.subarray(i * size, (i + 1) * size);
        views.set(image, 2 * i * size);
        // second view: the image mirrored left-right
        for (let r = 0; r < 28; r++)
          for (let c = 0; c < 28; c++) views[(2 * i + 1) * size + r * 28 + c] = image[r * 28 + (27 - c)];
      }
      const loss = tf.tidy(() => {
        const z = model.embedViews(tf.tensor(views, [data.size, 2, 28, 28, 1]), true);
        return new SupConLoss({ temperature: TEMPERATURE, baseTemperature: TEMPERATURE })
          .compute(z, { labels: tf.tensor1d(data.labels, 'int32') })
          .dataSync()[0];
      });
      await fs.writeFile(path.join(dir, 'tfjs-loss.json'), JSON.stringify({ loss }));
      const nchw = nhwcToNchw(views, [28, 28, 1]);
      await fs.writeFile(path.join(dir, 'views.f32'), new Uint8Array(nchw.buffer));
      await fs.writeFile(path.join(dir, 'labels.i32'), new Uint8Array(Int32Array.from(data.labels).buffer));

      // Training data as IDX files (what a user has for Fashion-MNIST), 20 per class of the embedded subset.
      const train = loadFashionMnistEmbedded({ trainPerClass: 20, testPerClass: 1 }).train;
      const pixels = Uint8Array.from(train.x, (v) => Math.round(v * 255));
      await fs.writeFile(path.join(dir, 'images.idx'), idx(pixels, [train.size, 28, 28]));
      await fs.writeFile(path.join(dir, 'labels.idx'), idx(Uint8Array.from(train.labels), [train.size]));
    } finally {
      model.dispose();
    }
  });

  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('gives our SupCon loss at step 0 for the same weights and batch', async () => {
    const ours = JSON.parse(await fs.readFile(path.join(dir, 'tfjs-loss.json'), 'utf8')).loss as number;
    const theirs = JSON.parse(
      run(python, [
        SCRIPT,
        '--export',
        path.join(dir, 'export'),
        '--temperature',
        String(TEMPERATURE),
        '--base-temperature',
        String(TEMPERATURE),
        '--loss-check',
        path.join(dir, 'views.f32'),
        path.join(dir, 'labels.i32'),
      ]).stdout,
    ) as { loss: number; loss_fn: string };
    expect(ours).toBeGreaterThan(1);
    expect(Math.abs(theirs.loss - ours)).toBeLessThan(1e-4 * Math.max(1, ours));
  });

  it('continues training on 2 gloo processes: the loss falls, both ranks agree, --out saves the result', async () => {
    const { stdout } = run(python, [
      SCRIPT,
      '--local-processes',
      '2',
      '--export',
      path.join(dir, 'export'),
      '--idx-images',
      path.join(dir, 'images.idx'),
      '--idx-labels',
      path.join(dir, 'labels.idx'),
      '--steps',
      '12',
      '--batch-size',
      '64',
      '--lr',
      '0.05',
      '--log-dir',
      path.join(dir, 'logs'),
      '--out',
      path.join(dir, 'continued'),
    ]);
    expect(stdout).toMatch(/step 11: loss \d/);
    const logs = await Promise.all(
      [0, 1].map((rank) => fs.readFile(path.join(dir, 'logs', `rank-${rank}.jsonl`), 'utf8')),
    );
    const events = logs
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map(
        (line) =>
          JSON.parse(line) as { rank: number; step?: number; loss?: number; parameter_checksum?: number },
      );
    const losses = [0, 1].map((rank) =>
      events.filter((e) => e.rank === rank && e.step !== undefined).map((e) => e.loss!),
    );
    expect(losses[0]).toHaveLength(12);
    // Every rank computes the loss over the global batch: the same number on both.
    losses[1].forEach((loss, step) => expect(Math.abs(loss - losses[0][step])).toBeLessThan(1e-5));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(losses[0].slice(-3))).toBeLessThan(mean(losses[0].slice(0, 3)));
    const checksums = events
      .filter((e) => e.parameter_checksum !== undefined)
      .map((e) => e.parameter_checksum!);
    expect(checksums).toHaveLength(2);
    expect(Math.abs(checksums[0] - checksums[1])).toBeLessThan(1e-6);
    // --out: model.py loads the continued weights (the checksum the ranks logged).
    const saved = run(python, [
      '-c',
      [
        'import sys; sys.path.insert(0, sys.argv[1]); import model',
        'm = model.load_model(sys.argv[1])',
        'print(sum(p.detach().double().sum().item() for p in m.parameters()))',
      ].join('\n'),
      path.join(dir, 'continued'),
    ]);
    expect(Math.abs(Number(saved.stdout.trim()) - checksums[0])).toBeLessThan(1e-6);
  });

  it('reads an image folder (one sub-folder per class) as the IDX files', () => {
    // Writes 4 classes x 4 PNGs with Pillow, then trains 2 steps in one process from the folder.
    run(python, [
      '-c',
      [
        'import os, sys, numpy as np',
        'from PIL import Image',
        'rng = np.random.default_rng(0)',
        'for c in range(4):',
        '    os.makedirs(f"{sys.argv[1]}/class{c}", exist_ok=True)',
        '    for i in range(4):',
        '        Image.fromarray(rng.integers(0, 256, (28, 28), dtype=np.uint8)).save(f"{sys.argv[1]}/class{c}/{i}.png")',
      ].join('\n'),
      path.join(dir, 'folder'),
    ]);
    const { stdout } = run(python, [
      SCRIPT,
      '--export',
      path.join(dir, 'export'),
      '--image-folder',
      path.join(dir, 'folder'),
      '--steps',
      '2',
      '--batch-size',
      '8',
    ]);
    expect(stdout).toMatch(/step 1: loss \d/);
  });
});
