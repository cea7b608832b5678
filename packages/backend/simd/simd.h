// Shared by the WebAssembly SIMD kernels (built by scripts/build-simd.js into src/simd/kernels-wasm.ts).
// The module has no memory of its own: it imports tfjs-backend-wasm's, so every pointer here is
// an offset into tfjs' heap (tensors in place, scratch from tfjs' malloc). No libc, no static data.
#ifndef CONTRASTIVE_SIMD_H
#define CONTRASTIVE_SIMD_H

#include <stdint.h>
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

// The Int32Array layout src/simd/geometry.ts writes (the same fields as tfjs' Conv2DInfo).
typedef struct {
  int32_t batch, inHeight, inWidth, inChannels;
  int32_t filterHeight, filterWidth, outChannels, outHeight, outWidth;
  int32_t strideHeight, strideWidth, dilationHeight, dilationWidth;
  int32_t padTop, padBottom, padLeft, padRight;
} Conv2dGeometry;

// Output channels are computed 8 at a time (two f32x4); weights are packed to a multiple of 8.
#define CHANNEL_BLOCK 8

static inline int roundUp(int value, int multiple) { return (value + multiple - 1) / multiple * multiple; }
static inline int maxInt(int a, int b) { return a > b ? a : b; }
static inline int minInt(int a, int b) { return a < b ? a : b; }

static inline void zeroFloats(float* out, int count) {
  int i = 0;
  for (; i + 4 <= count; i += 4) wasm_v128_store(out + i, wasm_f32x4_splat(0.0f));
  for (; i < count; i++) out[i] = 0.0f;
}

#endif
