import * as tf from '@tensorflow/tfjs-core';
import type { StoredTensor } from '@contrastive/core';

export type { StoredTensor };

/**
 * A strategy's checkpointable state: JSON-able metadata (which strategy, pointers, counters,
 * RNG state) and named tensors (memory contents, momentum weights). A trainer stores `meta`
 * with its JSON and `tensors` in its tensor bundle, e.g. under a `strategy/` name prefix.
 */
export interface StrategyState {
  /** The strategy's id and state format version, checked on restore, and its own fields. */
  meta: { strategy: string; version: number } & Record<string, unknown>;
  /** Named tensors, stored with the checkpoint's tensor bundle. */
  tensors: Record<string, StoredTensor>;
}

/** Copies a tensor's values to host memory. */
export async function storeTensor(tensor: tf.Tensor): Promise<StoredTensor> {
  if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') {
    throw new Error(`storeTensor: expected a float32 or int32 tensor, got dtype ${tensor.dtype}`);
  }
  const values = (await tensor.data()) as Float32Array | Int32Array;
  // data() may hand out the backend's own buffer on some backends: copy it.
  return { shape: [...tensor.shape], dtype: tensor.dtype, values: values.slice() };
}

/** Builds a tensor from stored data, checking the expected shape first. */
export function restoreTensor(
  stored: StoredTensor | undefined,
  name: string,
  expectedShape?: number[],
): tf.Tensor {
  const checked = checkStored(stored, name, expectedShape);
  return tf.tensor(checked.values, checked.shape, checked.dtype);
}

/** Checks stored data (present, of the expected shape, with as many values as its shape holds) and returns it. */
export function checkStored(stored: StoredTensor | undefined, name: string, expectedShape?: number[]): StoredTensor {
  if (!stored) throw new Error(`setState: state.tensors['${name}'] is missing`);
  if (expectedShape && !sameShape(stored.shape, expectedShape)) {
    throw new Error(
      `setState: state.tensors['${name}'] has shape [${stored.shape}], expected [${expectedShape}]`,
    );
  }
  const size = stored.shape.reduce((a, b) => a * b, 1);
  if (stored.values.length !== size) {
    throw new Error(
      `setState: state.tensors['${name}'] has ${stored.values.length} values for shape [${stored.shape}]`,
    );
  }
  return stored;
}

/** Checks `state.meta.strategy` names the strategy restoring it. */
export function checkStateOwner(state: StrategyState, id: string, version: number): void {
  if (!state || typeof state !== 'object' || !state.meta || !state.tensors) {
    throw new Error(`setState: expected { meta, tensors }, got ${typeof state}`);
  }
  if (state.meta.strategy !== id) {
    throw new Error(`setState: state belongs to strategy '${String(state.meta.strategy)}', not '${id}'`);
  }
  if (state.meta.version !== version) {
    throw new Error(
      `setState: state version ${String(state.meta.version)} of '${id}' is not supported (expected ${version})`,
    );
  }
}

/** Reads a numeric field of `meta`, with a clear error when absent or of the wrong type. */
export function metaNumber(meta: Record<string, unknown>, key: string): number {
  const value = meta[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`setState: state.meta.${key} must be a finite number, got ${JSON.stringify(value)}`);
  }
  return value;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
