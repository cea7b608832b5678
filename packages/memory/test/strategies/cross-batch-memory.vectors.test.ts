import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // its CommonJS bundle registers tfjs-core's gradients
import { readFileSync } from 'fs';
import * as path from 'path';
import { NTXentLoss, SupConLoss, type ReferenceLoss } from '@contrastive/losses';
import { CrossBatchMemory } from '../../src/strategies/cross-batch-memory';

beforeAll(() => tf.setBackend('cpu'));

interface VectorCase {
  loss: 'ntxent' | 'supcon';
  temperature: number;
  memory_size: number;
  batches: { embeddings: number[][]; labels: number[]; loss: number }[];
}

// Provenance of the vectors: test/fixtures/README.md.
const vectors: { source: string; cases: VectorCase[] } = JSON.parse(
  readFileSync(path.join(__dirname, '../fixtures/cross_batch_memory.json'), 'utf8'),
);

/** pml wraps these losses: NT-Xent, or SupCon excluding anchors without positives, base temperature = temperature. */
function wrappedLoss(c: VectorCase): ReferenceLoss {
  return c.loss === 'ntxent'
    ? new NTXentLoss({ temperature: c.temperature })
    : new SupConLoss({ temperature: c.temperature, baseTemperature: c.temperature, noPositive: 'exclude' });
}

describe(`CrossBatchMemory reference vectors (${vectors.source})`, () => {
  vectors.cases.forEach((c, caseIndex) => {
    it(`case ${caseIndex}: ${c.loss}, memory ${c.memory_size}, ${c.batches.length} batches in order`, () => {
      const dim = c.batches[0].embeddings[0].length;
      const memory = new CrossBatchMemory(wrappedLoss(c), { size: c.memory_size, embeddingDim: dim });
      c.batches.forEach((batch, b) => {
        const embeddings = tf.tensor2d(batch.embeddings);
        const labels = tf.tensor1d(batch.labels, 'int32');
        const value = memory.compute(embeddings, { labels });
        const actual = value.dataSync()[0];
        const relative = Math.abs(actual - batch.loss) / Math.abs(batch.loss);
        if (relative > 1e-4)
          throw new Error(`batch ${b}: loss ${actual}, expected ${batch.loss} (relative error ${relative})`);
        tf.dispose([embeddings, labels, value]);
      });
      memory.dispose();
    });
  });

  it('gives the same values with gradients taken (memory constant) and leaks nothing', () => {
    const c = vectors.cases[1];
    const dim = c.batches[0].embeddings[0].length;
    const memory = new CrossBatchMemory(wrappedLoss(c), { size: c.memory_size, embeddingDim: dim });
    const before = tf.memory().numTensors;
    c.batches.forEach((batch) => {
      const embeddings = tf.tensor2d(batch.embeddings);
      const labels = tf.tensor1d(batch.labels, 'int32');
      const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => memory.loss({ embeddings: x, labels }))(
        embeddings,
      );
      memory.update();
      expect(Math.abs(value.dataSync()[0] - batch.loss) / batch.loss).toBeLessThan(1e-4);
      expect(Array.from(grad.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose([embeddings, labels, value, grad]);
    });
    expect(tf.memory().numTensors).toBe(before);
    memory.dispose();
  });
});
