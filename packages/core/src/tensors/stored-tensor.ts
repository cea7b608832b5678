/**
 * A tensor as plain host data: what checkpoints store besides their JSON (the trainers' tensor
 * bundle, a negative strategy's state).
 */
export interface StoredTensor {
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}
