/** Test helper: encodes an IDX file (big-endian) from a type byte, dims and values. */
export function idxBytes(typeByte: number, dims: number[], values: ArrayLike<number>): Uint8Array {
  const sizes: Record<number, number> = { 0x08: 1, 0x09: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4, 0x0e: 8 };
  const size = sizes[typeByte] ?? 1;
  const out = new Uint8Array(4 + 4 * dims.length + values.length * size);
  const view = new DataView(out.buffer);
  out[2] = typeByte;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const start = 4 + 4 * dims.length;
  for (let i = 0; i < values.length; i++) {
    const at = start + i * size;
    if (typeByte === 0x08) view.setUint8(at, values[i]);
    else if (typeByte === 0x09) view.setInt8(at, values[i]);
    else if (typeByte === 0x0b) view.setInt16(at, values[i], false);
    else if (typeByte === 0x0c) view.setInt32(at, values[i], false);
    else if (typeByte === 0x0d) view.setFloat32(at, values[i], false);
    else view.setFloat64(at, values[i], false);
  }
  return out;
}
