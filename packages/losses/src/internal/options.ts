import * as tf from '@tensorflow/tfjs-core';
import { isGpuBackend, z } from '@contrastive/core';

/** The `validate` option every loss shares. */
export const validateOption = z
  .boolean()
  .default(true)
  .describe('check input values (finite, integer labels): one small host read per call on CPU backends; on GPU backends a failed check turns the loss into NaN, with no read; false in tight training loops');

/** Nested number arrays (JSON configs) or a tensor: the accepted form of an initial value such as proxies. */
export type TensorInit = tf.Tensor | number[] | number[][];

/** Schema of a {@link TensorInit}; its shape and values are checked by {@link initialValue} once the expected shape is known. */
export const tensorInit = z.custom<TensorInit>(
  (value) => value instanceof tf.Tensor || (Array.isArray(value) && value.flat().every((v) => typeof v === 'number')),
  { message: 'expected a tf.Tensor or (nested) arrays of numbers' },
);

/**
 * A float32 copy of an initial value with shape `shape`, or a clear error naming `name`. The copy
 * is the caller's (a tensor given by the user is not taken over or disposed).
 */
export function initialValue(value: TensorInit, shape: number[], name: string, who: string): tf.Tensor {
  const tensor = value instanceof tf.Tensor ? value : tf.tensor(value);
  try {
    if (tensor.isDisposed) throw new Error(`${who}: ${name} is disposed`);
    if (tensor.shape.length !== shape.length || tensor.shape.some((s, i) => s !== shape[i])) {
      throw new Error(`${who}: ${name} must have shape [${shape.join(', ')}], got [${tensor.shape.join(', ')}]`);
    }
    const copy = tf.tidy(() => tf.cast(tensor, 'float32').clone());
    // Host numbers are checked as given; a tensor is read back, except on GPU backends, which
    // cannot serve a synchronous read (there a non-finite start shows up as a NaN loss).
    const values = tensor !== value ? (value as unknown[]).flat(Infinity as 1) : isGpuBackend(tf.getBackend()) ? [] : Array.from(copy.dataSync());
    if (!values.every((v) => Number.isFinite(v))) {
      copy.dispose();
      throw new Error(`${who}: ${name} must contain finite values (no NaN or Infinity)`);
    }
    return copy;
  } finally {
    if (tensor !== value) tensor.dispose();
  }
}
