import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../src';
import type { ModuleLoader } from '../../src/select/native-bindings';
import { simdModuleOf, type SimdExports } from '../../src/simd/simd-module';
import { operand, relativeError, valueAndGradientsHere, values, type Operand } from '../kernels/kernel-harness';

export { operand, relativeError, values, type Operand };

const nothingInstalled: ModuleLoader = () => ({ loaded: false, reason: 'not installed' });

/** wasm with our composed kernels and every SIMD one on top (`all`: the forward convolutions too); never the native ones. */
export async function onSimdWasm(): Promise<void> {
  await useBackend('wasm', { quiet: true, native: 'off', simd: 'all', load: nothingInstalled });
  if (!simdModuleOf(tf.backend())) throw new Error('the SIMD kernels did not load');
}

/** Calls of one SIMD export so far in this process (to check a comparison really ran them). */
export function simdCalls(name: keyof SimdExports): number {
  return simdModuleOf(tf.backend())?.calls.get(name) ?? 0;
}

/**
 * `f(...inputs)` and the gradients of `sum(f(...inputs)²)` with respect to every input, on one
 * backend, as plain arrays (output first).
 */
export async function valueAndGradients(
  backend: 'cpu' | 'simd',
  f: (...inputs: tf.Tensor[]) => tf.Tensor,
  inputs: Operand[],
): Promise<Float32Array[]> {
  if (backend === 'cpu') await tf.setBackend('cpu');
  else await onSimdWasm();
  return valueAndGradientsHere(f, inputs);
}

/** Runs `f` and its gradients on the cpu reference and on wasm + SIMD kernels: the worst relative error. */
export async function worstError(
  f: (...inputs: tf.Tensor[]) => tf.Tensor,
  inputs: Operand[],
): Promise<number> {
  const expected = await valueAndGradients('cpu', f, inputs);
  const actual = await valueAndGradients('simd', f, inputs);
  return Math.max(...actual.map((a, i) => relativeError(a, expected[i])));
}

/** How many times each named export ran during `body`. */
export async function countCalls(
  names: Array<keyof SimdExports>,
  body: () => Promise<void>,
): Promise<number[]> {
  await onSimdWasm();
  const before = names.map(simdCalls);
  await body();
  await onSimdWasm();
  return names.map((name, i) => simdCalls(name) - before[i]);
}
