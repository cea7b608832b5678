/**
 * Encodes a float32 or int32 matrix as a NumPy `.npy` (format 1.0) file, so embeddings load
 * with `numpy.load` directly. The format is a 10-byte preamble, a Python-dict header padded
 * to a multiple of 64 bytes, then little-endian C-order data.
 */
export function encodeNpy(values: Float32Array | Int32Array, shape: number[]): Buffer {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length) {
    throw new Error(`encodeNpy: ${values.length} values do not fill shape [${shape.join(', ')}]`);
  }
  const header = npyHeader(values instanceof Float32Array ? 'float32' : 'int32', shape);
  const out = Buffer.alloc(header.length + values.byteLength);
  header.copy(out, 0);
  Buffer.from(values.buffer, values.byteOffset, values.byteLength).copy(out, header.length);
  return out;
}

/**
 * The preamble and header of a `.npy` file holding `shape` values of `dtype`: what precedes the
 * data, so a writer that knows the shape up front can stream the data after it.
 */
export function npyHeader(dtype: 'float32' | 'int32', shape: number[]): Buffer {
  const descr = dtype === 'float32' ? '<f4' : '<i4';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const preamble = 10;
  const padding = (64 - ((preamble + header.length + 1) % 64)) % 64;
  header = header + ' '.repeat(padding) + '\n';
  const out = Buffer.alloc(preamble + header.length);
  out.write('\x93NUMPY', 0, 'latin1');
  out.writeUInt8(1, 6);
  out.writeUInt8(0, 7);
  out.writeUInt16LE(header.length, 8);
  out.write(header, preamble, 'latin1');
  return out;
}
