import * as tf from '@tensorflow/tfjs-core';

/**
 * Checks that a tensor is float32 with shape `[B, ...expected]` (any B >= 1 when `leading` is 1,
 * `[B, V, ...expected]` when `leading` is 2).
 */
export function checkBatch(x: tf.Tensor, expected: readonly number[], name: string, who: string, leading = 1): void {
  if (!(x instanceof tf.Tensor)) {
    throw new Error(`${who}: ${name} must be a tf.Tensor, got ${x === null ? 'null' : typeof x}`);
  }
  const lead = leading === 1 ? '[B' : '[B, V';
  const want = `${lead}, ${expected.join(', ')}]`;
  if (x.dtype !== 'float32') {
    throw new Error(`${who}: ${name} must be float32, got ${x.dtype} (shape [${x.shape.join(', ')}])`);
  }
  const ok =
    x.rank === expected.length + leading &&
    x.shape.slice(0, leading).every((d) => d > 0) &&
    x.shape.slice(leading).every((d, i) => d === expected[i]);
  if (!ok) {
    throw new Error(`${who}: ${name} must have shape ${want}, got [${x.shape.join(', ')}]`);
  }
}
