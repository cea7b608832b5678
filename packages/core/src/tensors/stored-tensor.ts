/**
 * A tensor as plain host data: what checkpoints store besides their JSON (the trainers' tensor
 * bundle, a negative strategy's state).
 */
export interface StoredTensor {
  /** The tensor's shape. */
  shape: number[];
  /** The tensor's dtype (the two a checkpoint stores). */
  dtype: 'float32' | 'int32';
  /** The values, row-major. */
  values: Float32Array | Int32Array;
}
