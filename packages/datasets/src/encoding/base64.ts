const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/**
 * Decodes standard (RFC 4648, padded) base64 to bytes without `Buffer` or `atob`, so it runs the same
 * in Node and browsers; a table lookup per character keeps several MB in the tens of milliseconds.
 */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) {
    throw new Error(`decodeBase64: length must be a multiple of 4, got ${text.length}`);
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = text.charCodeAt(i + 2) === 61 ? 0 : sextet(text, i + 2);
    const d = text.charCodeAt(i + 3) === 61 ? 0 : sextet(text, i + 3);
    const triple = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = triple >> 16;
    if (o < out.length) out[o++] = (triple >> 8) & 0xff;
    if (o < out.length) out[o++] = triple & 0xff;
  }
  return out;
}

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const value = code < 128 ? LOOKUP[code] : -1;
  if (value < 0) throw new Error(`decodeBase64: invalid character '${text[index]}' at position ${index}`);
  return value;
}
