import type { StoredTensor } from '@contrastive/core';

export type { StoredTensor };

/** Named tensors as plain typed arrays: what a checkpoint stores besides its JSON metadata. */
export type TensorBundle = Record<string, StoredTensor>;

export interface BundleIndexEntry {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  offset: number;
  length: number;
}

/** Packs a bundle into one byte buffer plus a JSON-able index (4-byte aligned entries). */
export function packBundle(bundle: TensorBundle): { index: BundleIndexEntry[]; bytes: Uint8Array } {
  const index: BundleIndexEntry[] = [];
  let offset = 0;
  for (const [name, tensor] of Object.entries(bundle)) {
    const expected = tensor.shape.reduce((a, b) => a * b, 1);
    if (tensor.values.length !== expected) {
      throw new Error(
        `checkpoint tensor '${name}': ${tensor.values.length} values for shape [${tensor.shape}]`,
      );
    }
    index.push({ name, shape: tensor.shape, dtype: tensor.dtype, offset, length: tensor.values.length });
    offset += tensor.values.length * 4;
  }
  const bytes = new Uint8Array(offset);
  for (const entry of index) {
    const source = bundle[entry.name].values;
    bytes.set(new Uint8Array(source.buffer, source.byteOffset, source.length * 4), entry.offset);
  }
  return { index, bytes };
}

/** Inverse of `packBundle`; fails clearly on a truncated buffer. */
export function unpackBundle(index: BundleIndexEntry[], bytes: Uint8Array): TensorBundle {
  const bundle: TensorBundle = {};
  for (const entry of index) {
    const end = entry.offset + entry.length * 4;
    if (end > bytes.byteLength) {
      throw new Error(
        `checkpoint data truncated: tensor '${entry.name}' needs bytes up to ${end}, file has ${bytes.byteLength}`,
      );
    }
    const copy = bytes.slice(entry.offset, end).buffer;
    bundle[entry.name] = {
      shape: entry.shape,
      dtype: entry.dtype,
      values: entry.dtype === 'int32' ? new Int32Array(copy) : new Float32Array(copy),
    };
  }
  return bundle;
}
