// MaxPoolGrad: each window's gradient goes to its first maximum (strictly greater wins, so ties
// go to the first; NaN and all -Infinity windows pass none), as tfjs' cpu backend does.
// Four channels at a time: each lane finds its window's maximum and the tap it sits at, then
// every tap adds dy where it is that lane's maximum (so overlapping windows accumulate).
#include "simd.h"

typedef struct {
  int32_t batch, inHeight, inWidth, channels, outHeight, outWidth;
  int32_t filterHeight, filterWidth, strideHeight, strideWidth, padTop, padLeft;
} PoolGeometry;

// The images [batchBegin, batchEnd) (windows only overlap within an image, so threads take ranges).
EXPORT(max_pool_grad) void maxPoolGrad(const PoolGeometry* g, const float* dy, const float* x, float* dx,
                                       int batchBegin, int batchEnd) {
  const int C = g->channels;
  const long inImage = (long)g->inHeight * g->inWidth * C;
  const long outImage = (long)g->outHeight * g->outWidth * C;
  for (int n = batchBegin; n < batchEnd; n++) {
    const float* xN = x + n * inImage;
    float* dxN = dx + n * inImage;
    const float* dyN = dy + n * outImage;
    zeroFloats(dxN, (int)inImage);
    for (int oh = 0; oh < g->outHeight; oh++) {
      const int h0 = oh * g->strideHeight - g->padTop;
      const int hBegin = maxInt(h0, 0), hEnd = minInt(h0 + g->filterHeight, g->inHeight);
      for (int ow = 0; ow < g->outWidth; ow++) {
        const int w0 = ow * g->strideWidth - g->padLeft;
        const int wBegin = maxInt(w0, 0), wEnd = minInt(w0 + g->filterWidth, g->inWidth);
        const float* gradient = dyN + ((long)oh * g->outWidth + ow) * C;
        int c = 0;
        for (; c + 4 <= C; c += 4) {
          v128_t best = wasm_f32x4_splat(-__builtin_inff());
          v128_t bestTap = wasm_i32x4_splat(-1);
          int tap = 0;
          for (int h = hBegin; h < hEnd; h++) {
            for (int w = wBegin; w < wEnd; w++, tap++) {
              const v128_t value = wasm_v128_load(xN + ((long)h * g->inWidth + w) * C + c);
              const v128_t greater = wasm_f32x4_gt(value, best);
              best = wasm_v128_bitselect(value, best, greater);
              bestTap = wasm_v128_bitselect(wasm_i32x4_splat(tap), bestTap, greater);
            }
          }
          const v128_t dyLanes = wasm_v128_load(gradient + c);
          tap = 0;
          for (int h = hBegin; h < hEnd; h++) {
            for (int w = wBegin; w < wEnd; w++, tap++) {
              float* at = dxN + ((long)h * g->inWidth + w) * C + c;
              const v128_t mine = wasm_i32x4_eq(bestTap, wasm_i32x4_splat(tap));
              wasm_v128_store(at, wasm_f32x4_add(wasm_v128_load(at), wasm_v128_and(dyLanes, mine)));
            }
          }
        }
        for (; c < C; c++) {
          float best = -__builtin_inff();
          long bestAt = -1;
          for (int h = hBegin; h < hEnd; h++) {
            for (int w = wBegin; w < wEnd; w++) {
              const long at = ((long)h * g->inWidth + w) * C + c;
              if (xN[at] > best) best = xN[at], bestAt = at;
            }
          }
          if (bestAt >= 0) dxN[bestAt] += gradient[c];
        }
      }
    }
  }
}
