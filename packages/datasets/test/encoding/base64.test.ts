import { decodeBase64 } from '../../src/encoding/base64';

describe('decodeBase64', () => {
  it.each([0, 1, 2, 3, 4, 5, 100, 1001])('matches Buffer for %i random bytes', (n) => {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 7919 + 13) & 0xff);
    const text = Buffer.from(bytes).toString('base64');
    expect(Array.from(decodeBase64(text))).toEqual(Array.from(bytes));
  });

  it('rejects invalid characters and lengths, naming the position', () => {
    expect(() => decodeBase64('ab!d')).toThrow(/invalid character '!' at position 2/);
    expect(() => decodeBase64('abc')).toThrow(/multiple of 4, got 3/);
  });
});
