import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradients; tfjs-layers' CommonJS bundle registers them (as @tensorflow/tfjs does).
import '@tensorflow/tfjs-layers';
import { readFileSync } from 'fs';
import * as path from 'path';

import { loadNativeKernels, useBackend } from '@contrastive/backend';

export { tf };

// Importing @contrastive/backend registers wasm, which outranks cpu; select cpu now (it
// initialises synchronously) so tensors made at a suite's top level land on the reference.
void tf.setBackend('cpu');

/**
 * Backends the reference-vector suites run on: the cpu reference, wasm with our kernels (the
 * default training backend, with @contrastive/backend's WebAssembly SIMD kernels as useBackend
 * registers them; its float OneHot bug once made SupCon silently wrong there), and
 * wasm with @contrastive/backend-native's fused SupCon kernel when it is built (always in CI).
 */
export const TEST_BACKENDS = [
  'cpu',
  'wasm',
  ...(loadNativeKernels().available || process.env.CONTRASTIVE_NATIVE === 'required' ? ['wasm+native'] : []),
] as const;

/**
 * {@link TEST_BACKENDS} plus webgpu where its suites run (always in CI, on SwiftShader; see
 * tools/jest/webgpu-env.js). Every loss runs there with its default (GPU-side) value checks.
 */
export const TEST_BACKENDS_WITH_WEBGPU = [
  ...TEST_BACKENDS,
  ...(process.env.CONTRASTIVE_WEBGPU_TESTS === '1' ? ['webgpu'] : []),
] as const;

/** Reference cases a backend runs: all of them, except on webgpu, whose SwiftShader adapter is slow. */
export const WEBGPU_CASES_PER_LOSS = 2;

/** The cases of a vector file to run on `backend`, each with its index in the file. */
export function casesOn<T>(backend: string, cases: T[]): Array<{ c: T; i: number }> {
  const all = cases.map((c, i) => ({ c, i }));
  return backend === 'webgpu' ? all.slice(0, WEBGPU_CASES_PER_LOSS) : all;
}

/** Selects one of {@link TEST_BACKENDS}; native kernels stay registered once used, so they go last. */
export async function selectBackend(name: (typeof TEST_BACKENDS_WITH_WEBGPU)[number]): Promise<void> {
  if (name === 'cpu') await tf.setBackend('cpu');
  else if (name === 'webgpu') await useBackend('webgpu', { quiet: true, allowSoftwareGpu: true });
  else await useBackend('wasm', { quiet: true, native: name === 'wasm' ? 'off' : 'required' });
}

/** Loads a reference-vector file from `test/fixtures/` (see the README there for where each comes from). */
export function loadVectors<T>(name: string): { source: string; cases: T[] } {
  return JSON.parse(readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));
}

/** Max relative error (relative to max(|expected|, floor)) between two flat arrays. */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor: number): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor));
  }
  return worst;
}

/** Flattens nested number arrays. */
export function flat(x: unknown): number[] {
  return (x as unknown[]).flat(Infinity as 1) as number[];
}

/** Value and gradient of `fn` at `x` (host copies, read asynchronously as webgpu needs), disposing everything. */
export async function valueAndGrad(fn: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor): Promise<{ value: number; grad: Float32Array }> {
  const { value, grad } = tf.valueAndGrad(fn)(x);
  const [v, g] = await Promise.all([value.data(), grad.data()]);
  tf.dispose([value, grad]);
  return { value: v[0], grad: g as Float32Array };
}

/** True when every entry is finite. */
export function allFinite(values: ArrayLike<number>): boolean {
  return Array.from(values).every(Number.isFinite);
}

beforeAll(() => tf.setBackend('cpu'));
