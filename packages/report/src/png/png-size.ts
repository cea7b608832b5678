/** PNG file signature (the "magic bytes"). */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * Reads width and height from a PNG's IHDR chunk.
 *
 * @param png - PNG file contents.
 * @throws Error if the bytes are not a PNG (wrong signature or missing IHDR).
 */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  if (png.length < 24 || PNG_SIGNATURE.some((b, i) => png[i] !== b)) {
    throw new Error(`pngSize: png must start with the PNG signature 89 50 4E 47 0D 0A 1A 0A (got ${png.length} bytes not matching)`);
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunkType = String.fromCharCode(png[12], png[13], png[14], png[15]);
  if (chunkType !== 'IHDR') throw new Error(`pngSize: expected the IHDR chunk first, got "${chunkType}"`);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
