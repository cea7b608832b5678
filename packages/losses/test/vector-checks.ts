// Value and gradient comparisons of the reference-vector suites (float32 against float64 references).
import { tf, flat, maxRelativeError } from './setup';

/**
 * Value and gradients of `fn` with respect to each of `inputs` (host copies; `null` for an input
 * the loss does not differentiate, such as a stop-gradient target), disposing every tensor made.
 * Inputs are variables so that a loss's own parameters can be among them. Read asynchronously, as
 * webgpu needs.
 */
export async function valueAndGrads(fn: () => tf.Scalar, inputs: tf.Variable[]): Promise<{ value: number; grads: Array<Float32Array | null> }> {
  const { value, grads } = tf.variableGrads(fn, inputs);
  const [v, ...g] = await Promise.all([value.data(), ...inputs.map((input) => grads[input.name]?.data() ?? null)]);
  tf.dispose([value, ...Object.values(grads)]);
  return { value: v[0], grads: g as Array<Float32Array | null> };
}

/** A float32 loss value against a float64 reference: relative 1e-4, or 1e-6 absolute near 0. */
export function expectValue(actual: number, expected: number): void {
  expect(Number.isFinite(actual)).toBe(true);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-4 * Math.abs(expected) + 1e-6);
}

/**
 * A float32 gradient against a float64 reference: every entry within `tolerance` of the largest
 * reference entry, or of `floor` when that is larger (tiny entries carry float32 cancellation
 * noise, and a gradient that is 0 in exact arithmetic is float noise on both sides), and finite.
 */
export function expectGradient(actual: ArrayLike<number> | null, expected: unknown, tolerance = 1e-4, floor = 0): void {
  expect(actual).not.toBeNull();
  if (actual === null) return;
  const reference = flat(expected);
  expect(Array.from(actual).every(Number.isFinite)).toBe(true);
  const scale = Math.max(floor, ...reference.map(Math.abs));
  if (scale === 0) {
    expect(Math.max(...Array.from(actual, Math.abs))).toBe(0);
    return;
  }
  expect(maxRelativeError(actual, reference, scale)).toBeLessThan(tolerance);
}
