import * as tf from '@tensorflow/tfjs-core';

/**
 * Checks that `inputShape` is a non-empty array of positive integers (the per-example shape,
 * without the batch axis) and, when `rank` is given, that it has exactly that many axes.
 * Throws an `Error` naming `who`, the argument, and the expected vs actual value.
 */
export function validateInputShape(inputShape: unknown, who: string, rank?: number, rankHint?: string): number[] {
  if (!Array.isArray(inputShape) || inputShape.length === 0) {
    throw new Error(`${who}: inputShape must be a non-empty array of positive integers, got ${JSON.stringify(inputShape)}`);
  }
  inputShape.forEach((dim, i) => {
    if (!Number.isInteger(dim) || (dim as number) <= 0) {
      throw new Error(`${who}: inputShape[${i}] must be a positive integer, got ${JSON.stringify(dim)} (inputShape [${inputShape.join(', ')}])`);
    }
  });
  if (rank !== undefined && inputShape.length !== rank) {
    throw new Error(
      `${who}: inputShape must have ${rank} axes${rankHint ? ` (${rankHint})` : ''}, got ${inputShape.length}: [${inputShape.join(', ')}]`,
    );
  }
  return [...(inputShape as number[])];
}

/** Checks a positive integer option. */
export function checkPositiveInt(value: unknown, name: string, who: string): number {
  if (!Number.isInteger(value) || (value as number) <= 0) {
    throw new Error(`${who}: ${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value as number;
}

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
