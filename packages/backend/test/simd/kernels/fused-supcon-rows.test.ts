import * as tf from '@tensorflow/tfjs-core';
import { FUSED_SUPCON_ROWS } from '../../../src/simd/kernels/fused-supcon-rows';
import { countCalls, onSimdWasm, relativeError, values } from '../simd-harness';

interface Case {
  rows: number;
  cols: number;
  variant: 'out' | 'in';
  noPositive: 'zero' | 'exclude';
  labels: boolean;
  self: boolean;
}

/** The kernel's contract in float64 (as @contrastive/backend-native's supcon_rows.cc computes it). */
function reference(
  c: Case,
  logits: Float32Array,
  positive: Float32Array,
  self: Int32Array,
  scale: number,
  offset: number,
) {
  const count = Array.from({ length: c.rows }, (_, i) =>
    positive.slice(i * c.cols, (i + 1) * c.cols).reduce((a, b) => a + b, 0),
  );
  const withPositives = count.filter((n) => n > 1e-6).length;
  const denominator = c.noPositive === 'exclude' ? Math.max(withPositives, 1) : c.rows;
  const gradient = new Float64Array(c.rows * c.cols);
  let total = 0;
  for (let i = 0; i < c.rows; i++) {
    const row = Array.from(logits.slice(i * c.cols, (i + 1) * c.cols));
    const p = Array.from(positive.slice(i * c.cols, (i + 1) * c.cols));
    const weight = count[i] > 1e-6 ? scale / denominator : 0;
    const safeCount = Math.max(count[i], 1);
    const masked = row.map((l, j) => (j === self[i] ? l - offset : l));
    const max = Math.max(...masked);
    const e = masked.map((v) => Math.exp(v - max));
    const z = e.reduce((a, b) => a + b, 0);
    const logDenominator = max + Math.log(z);
    let perAnchor: number;
    if (c.variant === 'out') {
      perAnchor = logDenominator - p.reduce((a, w, j) => a + w * row[j], 0) / safeCount;
      e.forEach((v, j) => (gradient[i * c.cols + j] = (v * weight) / z - (p[j] * weight) / safeCount));
    } else {
      const restricted = row.map((l, j) => l + (p[j] - 1) * offset);
      const pMax = Math.max(...restricted);
      const ePositive = restricted.map((v) => Math.exp(v - pMax));
      const zPositive = ePositive.reduce((a, b) => a + b, 0);
      perAnchor = logDenominator - (pMax + Math.log(zPositive)) + Math.log(safeCount);
      e.forEach(
        (v, j) => (gradient[i * c.cols + j] = (v * weight) / z - (ePositive[j] * weight) / zPositive),
      );
    }
    total += weight * perAnchor;
  }
  return { loss: total, gradient };
}

const CASES: Case[] = [
  { rows: 8, cols: 8, variant: 'out', noPositive: 'zero', labels: true, self: true },
  { rows: 8, cols: 8, variant: 'in', noPositive: 'zero', labels: true, self: true },
  { rows: 7, cols: 13, variant: 'out', noPositive: 'exclude', labels: false, self: false },
  { rows: 7, cols: 13, variant: 'in', noPositive: 'exclude', labels: true, self: false },
  { rows: 1, cols: 3, variant: 'out', noPositive: 'zero', labels: true, self: true },
  { rows: 64, cols: 66, variant: 'out', noPositive: 'exclude', labels: true, self: true },
];

describe('SIMD FusedSupConRows matches its contract computed in float64', () => {
  it.each(CASES.map((c) => [JSON.stringify(c), c] as const))('%s', async (_name, c) => {
    await onSimdWasm();
    const scale = 0.7;
    const offset = 1e9;
    const logits = values(c.rows * c.cols, c.rows + c.cols).map((v) => v * 10); // already / temperature
    const anchorLabels = Int32Array.from({ length: c.rows }, (_, i) => (i * 7) % 3);
    const contrastLabels = Int32Array.from({ length: c.cols }, (_, j) => (j * 5) % (c.rows === 1 ? 3 : 4));
    // The self column: the anchor's own view in the contrast set (the diagonal), or none.
    const self = Int32Array.from({ length: c.rows }, (_, i) => (c.self && i < c.cols ? i : -1));
    const positive = new Float32Array(c.rows * c.cols);
    for (let i = 0; i < c.rows; i++)
      for (let j = 0; j < c.cols; j++)
        positive[i * c.cols + j] = j !== self[i] && anchorLabels[i] === contrastLabels[j] ? 1 : 0;
    const expected = reference(c, logits, positive, self, scale, offset);
    const inputs: Record<string, tf.Tensor> = { logits: tf.tensor2d(logits, [c.rows, c.cols]) };
    if (c.labels) {
      inputs.anchorLabels = tf.tensor1d(anchorLabels, 'int32');
      inputs.contrastLabels = tf.tensor1d(contrastLabels, 'int32');
    } else {
      inputs.positive = tf.tensor2d(positive, [c.rows, c.cols]);
    }
    if (c.self) inputs.selfIndex = tf.tensor1d(self, 'int32');
    const attrs = { variant: c.variant, noPositive: c.noPositive, scale, maskOffset: offset };
    const [calls] = await countCalls(['supcon_rows'], async () => {
      const [loss, gradient] = tf
        .engine()
        .runKernel(FUSED_SUPCON_ROWS, inputs, attrs as never) as tf.Tensor[];
      expect(Math.abs(loss.dataSync()[0] - expected.loss)).toBeLessThan(
        1e-5 * Math.max(1, Math.abs(expected.loss)),
      );
      expect(relativeError(gradient.dataSync(), expected.gradient)).toBeLessThan(1e-5);
      tf.dispose([loss, gradient]);
    });
    expect(calls).toBe(1);
    tf.dispose(Object.values(inputs));
  });

  it('rejects logits that are not float32 [Na, Nc], or no positives given', async () => {
    await onSimdWasm();
    const logits = tf.tensor1d([1, 2, 3]);
    const attrs = { variant: 'out', noPositive: 'zero', scale: 1, maskOffset: 1e9 };
    expect(() => tf.engine().runKernel(FUSED_SUPCON_ROWS, { logits }, attrs as never)).toThrow(
      /logits must be float32 \[Na, Nc\]/,
    );
    const square = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    expect(() => tf.engine().runKernel(FUSED_SUPCON_ROWS, { logits: square }, attrs as never)).toThrow(
      /either positive or anchorLabels and contrastLabels/,
    );
    tf.dispose([logits, square]);
  });
});
