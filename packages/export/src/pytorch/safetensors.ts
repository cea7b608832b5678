import type { PortableTensor } from '../graph/portable-graph';

/**
 * Encodes float32 tensors as a safetensors file: an 8-byte little-endian header length, a JSON
 * header (`dtype`, `shape`, `data_offsets` per tensor, string `__metadata__`), padded with spaces
 * to 8 bytes, then the tensors' bytes back to back. Hand-written because npm has no maintained
 * safetensors writer (the `safetensors` package is a 0.0.1 placeholder); the format is the fixed
 * one Hugging Face's `safetensors.torch.load_file` and the `model.py` loader read.
 */
export function encodeSafetensors(
  tensors: ReadonlyArray<[string, PortableTensor]>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, tensor] of tensors) {
    if (name in header) throw new Error(`encodeSafetensors: duplicate tensor name '${name}'`);
    const count = tensor.shape.reduce((a, b) => a * b, 1);
    if (count !== tensor.data.length) {
      throw new Error(
        `encodeSafetensors: tensor '${name}' has ${tensor.data.length} values, its shape [${tensor.shape.join(', ')}] needs ${count}`,
      );
    }
    header[name] = {
      dtype: 'F32',
      shape: tensor.shape,
      data_offsets: [offset, offset + tensor.data.byteLength],
    };
    offset += tensor.data.byteLength;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const headerBytes = Buffer.from(json, 'utf8');
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  for (const [, tensor] of tensors) {
    out.set(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength), position);
    position += tensor.data.byteLength;
  }
  return out;
}
