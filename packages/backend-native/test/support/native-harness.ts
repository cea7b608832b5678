import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { useBackend } from '@contrastive/backend';
import { nativeWasmKernels } from '../../src';
// The same comparison and input helpers as @contrastive/backend's kernel tests.
import {
  operand,
  relativeError,
  valueAndGradientsHere,
  values,
  type Operand,
} from '../../../backend/test/kernels/kernel-harness';

export { operand, relativeError, values, type Operand };

const native = nativeWasmKernels();
const required = process.env.CONTRASTIVE_NATIVE === 'required';

/**
 * Kernel comparisons need the built addon (oneDNN). Where it is not built they are reported as
 * skipped, unless CONTRASTIVE_NATIVE=required (CI), where its absence fails the suite instead.
 */
export const describeNative: jest.Describe = native.available || required ? describe : describe.skip;

/** wasm with our composed kernels and the native ones on top (throws if they cannot load). */
export async function onNativeWasm(): Promise<void> {
  await useBackend('wasm', { quiet: true, native: 'required' });
}

/**
 * `f(...inputs)` and the gradients of `sum(f(...inputs)²)` with respect to every input, on one
 * backend, as plain arrays (output first).
 */
export async function valueAndGradients(
  backend: 'cpu' | 'native',
  f: (...inputs: tf.Tensor[]) => tf.Tensor,
  inputs: Operand[],
  gradients = true,
): Promise<Float32Array[]> {
  if (backend === 'cpu') await tf.setBackend('cpu');
  else await onNativeWasm();
  return valueAndGradientsHere(f, inputs, gradients);
}

/**
 * Runs `f` (and, unless `gradients` is false, its gradients) on the cpu reference and on wasm +
 * native kernels and returns the worst relative error.
 */
export async function worstError(
  f: (...inputs: tf.Tensor[]) => tf.Tensor,
  inputs: Operand[],
  gradients = true,
): Promise<number> {
  const expected = await valueAndGradients('cpu', f, inputs, gradients);
  const actual = await valueAndGradients('native', f, inputs, gradients);
  return Math.max(...actual.map((a, i) => relativeError(a, expected[i])));
}

export { native as nativeStatus };
