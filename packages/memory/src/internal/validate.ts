import * as tf from '@tensorflow/tfjs-core';
import { assertSynchronousReads } from '@contrastive/core';

/** `[B, V, D]` sizes of a step's embeddings (`[N, D]` counts as V = 1). */
export interface ViewShape {
  batch: number;
  views: number;
  dim: number;
}

/** Checks `embeddings` is a float `[B, V, D]` (or `[N, D]`) tensor and returns its sizes. */
export function checkEmbeddings(embeddings: tf.Tensor | undefined, who: string, dim?: number): ViewShape {
  if (!embeddings || typeof embeddings !== 'object' || !('shape' in embeddings)) {
    throw new Error(
      `${who}: embeddings must be a tf.Tensor of shape [B, V, D] or [N, D], got ${describe(embeddings)}`,
    );
  }
  if (embeddings.isDisposed) throw new Error(`${who}: embeddings tensor is already disposed`);
  if (embeddings.dtype !== 'float32') {
    throw new Error(`${who}: embeddings must be float32, got dtype ${embeddings.dtype}`);
  }
  const shape = embeddings.shape;
  if (shape.length !== 2 && shape.length !== 3) {
    throw new Error(
      `${who}: embeddings must have shape [B, V, D] or [N, D], got rank ${shape.length} shape [${shape}]`,
    );
  }
  const [batch, views, d] = shape.length === 3 ? shape : [shape[0], 1, shape[1]];
  if (batch < 1 || views < 1 || d < 1) {
    throw new Error(`${who}: embeddings must be non-empty, got shape [${shape}]`);
  }
  if (dim !== undefined && d !== dim) {
    throw new Error(
      `${who}: embeddings have dimension D = ${d}, expected ${dim} (the memory's embeddingDim)`,
    );
  }
  return { batch, views, dim: d };
}

/** Checks `labels` is `[B]` with integer dtype or integral float values (values are checked by the caller). */
export function checkLabels(labels: tf.Tensor | undefined, batch: number, who: string): void {
  if (labels === undefined) return;
  if (!labels || typeof labels !== 'object' || !('shape' in labels)) {
    throw new Error(`${who}: labels must be a tf.Tensor1D of length ${batch}, got ${describe(labels)}`);
  }
  if (labels.rank !== 1 || labels.shape[0] !== batch) {
    throw new Error(`${who}: labels must have shape [${batch}] (one per sample), got [${labels.shape}]`);
  }
  if (labels.dtype !== 'int32' && labels.dtype !== 'float32') {
    throw new Error(`${who}: labels must be int32 (or integral float32), got dtype ${labels.dtype}`);
  }
  if (labels.dtype === 'float32') {
    assertSynchronousReads(tf.getBackend(), `${who}: float32 labels`, 'pass int32 labels');
    const values = labels.dataSync();
    const bad = values.findIndex((value) => !Number.isInteger(value));
    if (bad >= 0) throw new Error(`${who}: labels must be integers, got labels[${bad}] = ${values[bad]}`);
  }
}

/** Checks dataset indices: length B, integers in [0, size). */
export function checkIndices(
  indices: Int32Array | undefined,
  batch: number,
  size: number,
  who: string,
): Int32Array {
  if (!(indices instanceof Int32Array)) {
    throw new Error(
      `${who}: step.indices (an Int32Array of the ${batch} samples' dataset indices) is required, got ${describe(indices)}`,
    );
  }
  if (indices.length !== batch) {
    throw new Error(`${who}: step.indices must have length ${batch} (one per sample), got ${indices.length}`);
  }
  for (let i = 0; i < indices.length; i++) {
    if (indices[i] < 0 || indices[i] >= size) {
      throw new Error(
        `${who}: step.indices[${i}] = ${indices[i]} is outside [0, ${size}) (the memory bank size)`,
      );
    }
  }
  return indices;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
