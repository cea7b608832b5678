import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'fs';
import * as path from 'path';
import { ami, nmi, retrievalMetrics } from '../../src';

interface VectorCase {
  embeddings: number[][];
  labels: number[];
  clusters: number[];
  metrics: { precision_at_1: number; r_precision: number; mean_average_precision_at_r: number };
  nmi: number;
  ami: number;
}

// Provenance of the vectors: test/fixtures/README.md.
const vectors = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/retrieval_metrics.json'), 'utf8')) as {
  cases: VectorCase[];
};

beforeAll(() => tf.setBackend('cpu'));

describe('pytorch-metric-learning / sklearn reference vectors', () => {
  it('has cases', () => expect(vectors.cases.length).toBeGreaterThan(0));

  vectors.cases.forEach((c, i) => {
    it(`case ${i} (N=${c.labels.length}): retrieval metrics from plain arrays`, async () => {
      const m = await retrievalMetrics(c.embeddings, c.labels);
      expect(m.precisionAt1).toBeCloseTo(c.metrics.precision_at_1, 6);
      expect(m.rPrecision).toBeCloseTo(c.metrics.r_precision, 6);
      expect(m.mapAtR).toBeCloseTo(c.metrics.mean_average_precision_at_r, 6);
    });

    it(`case ${i}: retrieval metrics from tensors`, async () => {
      const e = tf.tensor2d(c.embeddings);
      const y = tf.tensor1d(c.labels, 'int32');
      const m = await retrievalMetrics(e, y);
      expect(m.mapAtR).toBeCloseTo(c.metrics.mean_average_precision_at_r, 6);
      expect(m.rPrecision).toBeCloseTo(c.metrics.r_precision, 6);
      expect(m.precisionAt1).toBeCloseTo(c.metrics.precision_at_1, 6);
      expect(e.isDisposed).toBe(false);
      e.dispose();
      y.dispose();
    });

    it(`case ${i}: NMI and AMI (arithmetic normalisation)`, async () => {
      expect(nmi(c.labels, c.clusters)).toBeCloseTo(c.nmi, 10);
      expect(ami(c.labels, c.clusters)).toBeCloseTo(c.ami, 10);
    });
  });
});
