import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import type { LabeledSplit } from '@contrastive/datasets';
import { createMlpEncoder } from '@contrastive/encoders';
import { openEmbeddingWriter } from '../../src/output/embedding-writers';
import { streamEmbeddings } from '../../src/output/stream-embeddings';

jest.setTimeout(300_000);

/** A synthetic split of `size` 28x28 images (generated here: the test reads no data set). */
function syntheticSplit(size: number): LabeledSplit {
  const x = new Float32Array(size * 28 * 28);
  let state = 12345;
  for (let i = 0; i < x.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    x[i] = (state >>> 8) / 16777216;
  }
  return { x, exampleShape: [28, 28, 1], labels: Int32Array.from({ length: size }, (_, i) => i % 10), size };
}

// A full collection before each sample, so garbage waiting for the collector is not counted.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Bytes the process still holds after a full GC: JS heap plus ArrayBuffers (tensor data, file buffers). */
const held = (): number => {
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

describe('streamEmbeddings', () => {
  let dir: string;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'contrastive-stream-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('embeds 60k images to JSONL with memory flat: growth far below the output size', async () => {
    const split = syntheticSplit(60_000);
    const encoder = createMlpEncoder({ inputShape: [28, 28, 1], widths: [64] });
    const file = path.join(dir, 'big.jsonl');
    const writer = await openEmbeddingWriter('jsonl', file, {
      rows: split.size,
      cols: 64,
      classNames: Array.from({ length: 10 }, (_, i) => `c${i}`),
    });
    const samples: number[] = [];
    const tensors: number[] = [];
    try {
      await streamEmbeddings((x) => encoder.apply(x) as tf.Tensor, split, writer, {
        batchSize: 500,
        onBatch: (rows) => {
          if (rows % 5000 === 0) samples.push(held());
          tensors.push(tf.memory().numTensors);
        },
      });
      expect(await writer.close()).toEqual([file]);
    } finally {
      encoder.dispose();
    }
    const size = (await fs.stat(file)).size;
    // Held whole, the JSONL text alone would be this size (~40 MB) on top of the 60k x 64 matrix.
    expect(size).toBeGreaterThan(35e6);
    const baseline = Math.min(...samples.slice(0, 1));
    const growth = Math.max(...samples.slice(1)) - baseline;
    console.info(
      `streamEmbeddings: 60k rows, ${(size / 1e6).toFixed(0)} MB written, held memory grew ${(growth / 1e6).toFixed(1)} MB`,
    );
    expect(growth).toBeLessThan(size / 10);
    // No tensor survives a batch.
    expect(new Set(tensors).size).toBe(1);
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    expect(lines).toHaveLength(60_001);
    expect(JSON.parse(lines[59_999])).toMatchObject({ label: 9, class: 'c9' });
  });
});
