import { encodeNpy } from '../../src/output/npy';

describe('encodeNpy', () => {
  it('writes a NumPy 1.0 header aligned to 64 bytes followed by the data', () => {
    const bytes = encodeNpy(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    expect(bytes.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
    const headerLength = bytes.readUInt16LE(8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
    expect(header).toContain("'descr': '<f4'");
    expect(header).toContain("'shape': (2, 3)");
    expect(header.endsWith('\n')).toBe(true);
    const data = new Float32Array(
      bytes.buffer.slice(bytes.byteOffset + 10 + headerLength, bytes.byteOffset + bytes.length),
    );
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('writes int32 vectors with a 1-tuple shape and rejects a shape mismatch', () => {
    const bytes = encodeNpy(new Int32Array([4, 5]), [2]);
    expect(bytes.toString('latin1')).toContain("'descr': '<i4', 'fortran_order': False, 'shape': (2,)");
    expect(() => encodeNpy(new Int32Array(3), [2, 2])).toThrow(/do not fill/);
  });
});
