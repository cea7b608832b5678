import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A config small enough for tests: a one-layer MLP encoder on 10 + 5 images per class of the embedded
 * Fashion-MNIST subset, cpu backend, one step per epoch, a 2-epoch probe.
 */
export function tinyConfig(outDir: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'cli-test',
    seed: 0,
    backend: 'cpu',
    dataset: { id: 'fashion-mnist-embedded', options: { trainPerClass: 10, testPerClass: 5 } },
    encoder: { id: 'mlp', options: { widths: [32] } },
    head: { id: 'mlp', options: { outputDim: 8 } },
    augment: { id: 'mnist', options: {} },
    strategy: { id: 'in-batch', options: {} },
    loss: { id: 'supcon', options: { temperature: 0.1, baseTemperature: 0.1 } },
    optimizer: { id: 'sgd', options: { momentum: 0.9 } },
    schedule: { id: 'warmup-cosine', options: { learningRate: 0.05 } },
    trainer: { id: 'contrastive', options: { supervised: true } },
    pretrain: { epochs: 1, batchSize: 20, views: 2, maxStepsPerEpoch: 1 },
    probe: { epochs: 2, batchSize: 50, learningRate: 0.1 },
    output: { dir: outDir },
    ...overrides,
  };
}

/**
 * The fastest full run: Iris (120 train / 30 test), a one-layer MLP, 4 epochs of 2 steps, a
 * 2-epoch probe. Crash-safety tests run it dozens of times.
 */
export function irisConfig(outDir: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'cli-iris',
    seed: 0,
    backend: 'cpu',
    dataset: { id: 'iris', options: { standardize: true, testFraction: 0.2 } },
    encoder: { id: 'mlp', options: { widths: [16] } },
    head: { id: 'mlp', options: { outputDim: 8 } },
    augment: { id: 'tabular', options: {} },
    strategy: { id: 'in-batch', options: {} },
    loss: { id: 'supcon', options: { temperature: 0.5, baseTemperature: 0.5 } },
    optimizer: { id: 'sgd', options: { momentum: 0.9 } },
    schedule: { id: 'warmup-cosine', options: { learningRate: 0.05 } },
    trainer: { id: 'contrastive', options: { supervised: true } },
    pretrain: { epochs: 4, batchSize: 30, views: 2, maxStepsPerEpoch: 2 },
    probe: { epochs: 2, batchSize: 32, learningRate: 0.1 },
    output: { dir: outDir },
    ...overrides,
  };
}

/** A fresh temporary directory. */
export async function tempDir(prefix = 'contrastive-cli-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Writes `content` (JSON-encoded unless a string or bytes) to `dir/name` and returns the path. */
export async function writeFile(dir: string, name: string, content: unknown): Promise<string> {
  const file = path.join(dir, name);
  const raw = typeof content === 'string' || content instanceof Uint8Array;
  await fs.writeFile(file, raw ? content : JSON.stringify(content, null, 2));
  return file;
}
