import { gunzipSync } from 'fflate';
import { decodeBase64 } from '../encoding/base64';
import type * as SubsetData from './fashion-mnist-subset-data.generated';
import { FASHION_MNIST_SUBSET_META as META } from './fashion-mnist-subset-meta.generated';

// The 7 MB data module is required on first use only, so importing this package for its samplers or
// loaders does not parse it. Bundlers resolve this static `require` like an import.
declare const require: (id: string) => unknown;

/** The base64 payload (loads the data module on first call). */
export function embeddedSubsetBase64(): string {
  return (require('./fashion-mnist-subset-data.generated') as typeof SubsetData).FASHION_MNIST_SUBSET_GZIP_BASE64;
}

/** The raw (uint8) embedded subset: pixels, labels and the index of each example in the official files. */
export interface RawSubsetSplit {
  pixels: Uint8Array;
  labels: Uint8Array;
  sourceIndices: Uint16Array;
  size: number;
}

let cached: { train: RawSubsetSplit; test: RawSubsetSplit } | undefined;

/**
 * Decodes the embedded payload once (base64 -> gunzip -> views) and caches the bytes; callers copy what
 * they hand out. The views are read-only by convention.
 */
export function decodeEmbeddedSubset(): { train: RawSubsetSplit; test: RawSubsetSplit } {
  if (cached) return cached;
  const payload = gunzipSync(decodeBase64(embeddedSubsetBase64()));
  if (payload.length !== META.payloadBytes) {
    throw new Error(`embedded Fashion-MNIST payload has ${payload.length} bytes, expected ${META.payloadBytes}`);
  }
  const pixels = META.rows * META.cols;
  let offset = 0;
  const take = (n: number) => payload.subarray(offset, (offset += n));
  const trainPixels = take(META.trainSize * pixels);
  const testPixels = take(META.testSize * pixels);
  const trainLabels = take(META.trainSize);
  const testLabels = take(META.testSize);
  const indices = (bytes: Uint8Array) => Uint16Array.from({ length: bytes.length / 2 }, (_, i) => bytes[2 * i] | (bytes[2 * i + 1] << 8));
  const trainSource = indices(take(2 * META.trainSize));
  const testSource = indices(take(2 * META.testSize));
  cached = {
    train: { pixels: trainPixels, labels: trainLabels, sourceIndices: trainSource, size: META.trainSize },
    test: { pixels: testPixels, labels: testLabels, sourceIndices: testSource, size: META.testSize },
  };
  return cached;
}
