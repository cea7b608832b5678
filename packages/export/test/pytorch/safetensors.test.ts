import { encodeSafetensors } from '../../src/pytorch/safetensors';

function parse(bytes: Uint8Array): { header: Record<string, unknown>; body: Uint8Array } {
  const size = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return {
    header: JSON.parse(Buffer.from(bytes.subarray(8, 8 + size)).toString('utf8')),
    body: bytes.subarray(8 + size),
  };
}

describe('encodeSafetensors', () => {
  it('writes the header length, a JSON header padded to 8 bytes and the tensors back to back', () => {
    const bytes = encodeSafetensors(
      [
        ['a.weight', { shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) }],
        ['a.bias', { shape: [2], data: Float32Array.of(-1, 0.5) }],
      ],
      { format: 'pt' },
    );
    const { header, body } = parse(bytes);
    expect((8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))) % 8).toBe(0);
    expect(header).toEqual({
      __metadata__: { format: 'pt' },
      'a.weight': { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] },
      'a.bias': { dtype: 'F32', shape: [2], data_offsets: [16, 24] },
    });
    expect(Array.from(new Float32Array(Uint8Array.from(body).buffer))).toEqual([1, 2, 3, 4, -1, 0.5]);
  });

  it('rejects a tensor whose values do not fill its shape, and duplicate names', () => {
    expect(() => encodeSafetensors([['w', { shape: [3], data: new Float32Array(2) }]])).toThrow(
      /tensor 'w' has 2 values, its shape \[3\] needs 3/,
    );
    const t = { shape: [1], data: new Float32Array(1) };
    expect(() =>
      encodeSafetensors([
        ['w', t],
        ['w', t],
      ]),
    ).toThrow(/duplicate tensor name 'w'/);
  });
});
