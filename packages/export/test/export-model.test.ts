import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs-core';
import type { PluginRef } from '@contrastive/core';
import { loadFashionMnistEmbedded } from '@contrastive/datasets';
import type { ContrastiveModel } from '@contrastive/encoders';
import { exportModel, type ExportInfo } from '../src/export-model';
import { buildModel, maxAbsDiff, nhwcToNchw, randomBatch, tfjsOutputs, useCpu } from './helpers';
import { runOnnx, runTorch, type ExportedOutputs } from '../../../tools/export-check';

useCpu();

/** The tolerance the exports promise: same embeddings as tfjs within 1e-4. */
const TOLERANCE = 1e-4;

interface Case {
  title: string;
  encoder: PluginRef;
  head: PluginRef;
  inputShape: number[];
  /** Examples: the embedded Fashion-MNIST test split (its first `perClass` per class) or a random batch. */
  data: { testPerClass: number } | { random: number };
  includeHead?: boolean;
}

const CASES: Case[] = [
  {
    title: 'seed CNN + MLP head on the Fashion-MNIST test split',
    encoder: { id: 'seed-cnn' },
    head: { id: 'mlp', options: { outputDim: 32 } },
    inputShape: [28, 28, 1],
    data: { testPerClass: 200 },
  },
  {
    title: 'MLP encoder (batch norm, dropout, gelu) on images + SimCLR v2 head (batch norm, 3 layers)',
    encoder: { id: 'mlp', options: { widths: [64, 32], batchNorm: true, dropout: 0.2, activation: 'gelu' } },
    head: { id: 'mlp', options: { batchNorm: true, layers: 3, hiddenDim: 24, outputDim: 16 } },
    inputShape: [28, 28, 1],
    data: { testPerClass: 20 },
  },
  {
    title: 'ResNet-18 (batch norm, stride-2 "same" padding on even sizes) on RGB + linear head',
    encoder: { id: 'resnet', options: { depth: 18, width: 4 } },
    head: { id: 'linear', options: { outputDim: 16 } },
    inputShape: [16, 16, 3],
    data: { random: 24 },
  },
  {
    title: 'ResNet-50 (bottleneck blocks) on odd-sized RGB, encoder only',
    encoder: { id: 'resnet', options: { depth: 50, width: 2 } },
    head: { id: 'mlp' },
    inputShape: [9, 9, 3],
    data: { random: 6 },
    includeHead: false,
  },
  ...(['relu', 'elu', 'selu', 'swish', 'mish', 'tanh', 'sigmoid', 'softplus'] as const).map(
    (activation): Case => ({
      title: `MLP encoder with ${activation} on vectors + MLP head`,
      encoder: { id: 'mlp', options: { widths: [12, 10], activation } },
      head: { id: 'mlp', options: { outputDim: 6 } },
      inputShape: [5],
      data: { random: 16 },
    }),
  ),
];

interface Prepared {
  testCase: Case;
  info: ExportInfo;
  directory: string;
  batch: number;
  /** The batch in the export's input layout (NCHW for images). */
  exportedInput: Float32Array;
  tfjs: { features: Float32Array; embeddings: Float32Array };
  onnx?: ExportedOutputs;
  torch?: ExportedOutputs & { parameters: number };
  /** Trainable parameters of the exported tfjs parts. */
  trainable: number;
}

let root: string;
const prepared: Prepared[] = [];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'contrastive-export-'));
  for (const [i, testCase] of CASES.entries()) {
    const model: ContrastiveModel = buildModel(testCase.encoder, testCase.head, testCase.inputShape, i);
    try {
      const x =
        'testPerClass' in testCase.data
          ? loadFashionMnistEmbedded({ trainPerClass: 1, testPerClass: testCase.data.testPerClass }).test.x
          : randomBatch(testCase.data.random, testCase.inputShape, 10 + i);
      const batch = x.length / testCase.inputShape.reduce((a, b) => a * b, 1);
      const directory = path.join(root, `case-${i}`);
      const info = await exportModel(model, directory, { includeHead: testCase.includeHead ?? true });
      const exportedInput = nhwcToNchw(x, testCase.inputShape);
      prepared.push({
        testCase,
        info,
        directory,
        batch,
        exportedInput,
        tfjs: tfjsOutputs(model, x),
        trainable: [
          ...model.encoder.trainableWeights,
          ...(info.includeHead ? model.head.trainableWeights : []),
        ].reduce((sum, w) => sum + w.shape.reduce((a: number, b) => a * (b as number), 1), 0),
      });
    } finally {
      model.dispose();
    }
  }
  const onnx = runOnnx(
    prepared.map((p) => ({ directory: p.directory, x: p.exportedInput, inputShape: p.info.inputShape })),
  );
  onnx.forEach((result, i) => (prepared[i].onnx = result));
  const torch = runTorch(
    prepared.map((p) => ({ directory: p.directory, x: p.exportedInput, batch: p.batch })),
  );
  torch.forEach((result, i) => (prepared[i].torch = result));
}, 600_000);

afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe('exportModel', () => {
  it.each(CASES.map((c, i) => [c.title, i] as const))(
    '%s: ONNX and PyTorch give the tfjs outputs within 1e-4',
    (_title, i) => {
      const p = prepared[i];
      const { features, embeddings } = p.tfjs;
      expect(features.length).toBeGreaterThan(0);
      expect(maxAbsDiff(p.onnx!.features, features)).toBeLessThan(TOLERANCE);
      expect(maxAbsDiff(p.torch!.features, features)).toBeLessThan(TOLERANCE);
      if (p.info.includeHead) {
        expect(maxAbsDiff(p.onnx!.embeddings!, embeddings)).toBeLessThan(TOLERANCE);
        expect(maxAbsDiff(p.torch!.embeddings!, embeddings)).toBeLessThan(TOLERANCE);
      } else {
        expect(p.onnx!.embeddings).toBeUndefined();
        expect(p.torch!.embeddings).toBeUndefined();
      }
    },
  );

  it("the PyTorch module has exactly the tfjs model's trainable parameters (batch-norm statistics are buffers)", () => {
    for (const p of prepared)
      expect([p.testCase.title, p.torch!.parameters]).toEqual([p.testCase.title, p.trainable]);
  });

  it('describes the export in export.json (layouts, files, the tfjs manifest)', async () => {
    const p = prepared[0];
    const saved = JSON.parse(await fs.readFile(path.join(p.directory, 'export.json'), 'utf8')) as ExportInfo;
    expect(saved).toEqual(p.info);
    expect(saved).toMatchObject({
      formats: ['onnx', 'pytorch'],
      inputLayout: 'NCHW',
      inputShape: [1, 28, 28],
      tfjsInputShape: [28, 28, 1],
      onnx: { file: 'model.onnx', input: 'input', outputs: ['features', 'embeddings'] },
      pytorch: { weights: 'model.safetensors', module: 'model.py' },
      files: ['model.onnx', 'model.safetensors', 'model.py', 'export.json'],
    });
    expect(saved.manifest.encoder?.id).toBe('seed-cnn');
    expect((await fs.readdir(p.directory)).sort()).toEqual([...saved.files].sort());
  });

  it('writes only the formats asked for, and rejects unknown ones', async () => {
    const model = buildModel('mlp', 'linear', [4]);
    try {
      const directory = path.join(root, 'onnx-only');
      const info = await exportModel(model, directory, { formats: ['onnx'] });
      expect((await fs.readdir(directory)).sort()).toEqual(['export.json', 'model.onnx']);
      expect(info.pytorch).toBeUndefined();
      await expect(
        exportModel(model, path.join(root, 'bad'), { formats: ['tflite' as never] }),
      ).rejects.toThrow(/formats must be a non-empty list of onnx, pytorch, got \["tflite"\]/);
      await expect(fs.access(path.join(root, 'bad'))).rejects.toThrow();
    } finally {
      model.dispose();
    }
  });

  it('leaks no tensors', async () => {
    const model = buildModel('seed-cnn', 'mlp', [8, 8, 1]);
    try {
      await exportModel(model, path.join(root, 'leak-warmup'));
      const before = tf.memory().numTensors;
      await exportModel(model, path.join(root, 'leak'));
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });
});
