import { DatasetError } from '../../src/errors/dataset-error';
import { parseIdx, parseIdxHeader } from '../../src/idx/parse-idx';
import { idxBytes } from '../idx-bytes';

describe('parseIdx', () => {
  it('parses uint8 images with their dims', () => {
    const parsed = parseIdx(idxBytes(0x08, [2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]), 'a.idx');
    expect(parsed.dtype).toBe('uint8');
    expect(parsed.dims).toEqual([2, 2, 3]);
    expect(parsed.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(parsed.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
  });

  it.each([
    [0x09, 'int8', [-3, 5]],
    [0x0b, 'int16', [-300, 1234]],
    [0x0c, 'int32', [-70000, 123456789]],
    [0x0d, 'float32', [1.5, -2.25]],
    [0x0e, 'float64', [Math.PI, -1e-300]],
  ])('decodes big-endian type 0x%s as %s', (type, dtype, values) => {
    const parsed = parseIdx(idxBytes(type, [2], values));
    expect(parsed.dtype).toBe(dtype);
    expect(Array.from(parsed.data)).toEqual(values);
  });

  it('rejects a wrong magic number, naming the file and the magic', () => {
    const bytes = idxBytes(0x08, [1], [1]);
    bytes[0] = 0x12;
    expect(() => parseIdx(bytes, 'bad.idx')).toThrow(DatasetError);
    expect(() => parseIdx(bytes, 'bad.idx')).toThrow(/^bad\.idx: wrong magic number 0x12000801/);
  });

  it('hints at gzip when given compressed bytes', () => {
    expect(() => parseIdx(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0]), 'f.gz')).toThrow(/gzip data: decompress it first/);
  });

  it('rejects an unknown type byte and a zero rank', () => {
    const bytes = idxBytes(0x08, [1], [1]);
    bytes[2] = 0x0a;
    expect(() => parseIdx(bytes, 'f')).toThrow(/unknown IDX type byte 0x0a/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 0]), 'f')).toThrow(/rank is 0/);
  });

  it('rejects truncated headers and data and trailing bytes with expected vs actual counts', () => {
    expect(() => parseIdx(Uint8Array.from([0, 0]), 'f')).toThrow(/header needs at least 4/);
    expect(() => parseIdx(idxBytes(0x08, [3, 4], []).subarray(0, 9), 'f')).toThrow(/truncated IDX header: 9 bytes, rank 2 needs 12/);
    const full = idxBytes(0x08, [3, 4], new Array(12).fill(1));
    expect(() => parseIdx(full.subarray(0, full.length - 1), 'f')).toThrow(/truncated IDX data: dims \[3, 4\] of uint8 need 12 bytes, found 11/);
    const longer = new Uint8Array(full.length + 2);
    longer.set(full);
    expect(() => parseIdx(longer, 'f')).toThrow(/longer than its header says.*need 12 bytes, found 14/);
  });

  it('parseIdxHeader reports where data starts and how long it is', () => {
    expect(parseIdxHeader(idxBytes(0x0c, [5, 2], []))).toEqual({
      dtype: 'int32',
      elementBytes: 4,
      dims: [5, 2],
      headerBytes: 12,
      dataBytes: 40,
    });
  });
});
