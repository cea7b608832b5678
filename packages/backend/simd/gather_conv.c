#include "gather_conv.h"

// Destination pixels per tile (along a row): with CHANNEL_BLOCK outputs each that is 8 f32x4
// accumulators, which stay in registers with the weights and the broadcast source value.
#define PIXELS 4

static inline int sourceIndex(int o, int k, const TapAxis* axis) {
  int at = o * axis->scale + axis->offset + k * axis->step;
  if (at < 0) return -1;
  if (axis->divisor != 1) {
    if (at % axis->divisor != 0) return -1;
    at /= axis->divisor;
  }
  return at < axis->size ? at : -1;
}

int gatherConvScratchFloats(const GatherConv* g) {
  const int taps = g->tapsHigh * g->tapsWide;
  // zero pixel + bias row + (tap list + PIXELS pointers per tap), pointers as 32-bit words.
  return roundUp(g->srcChannels, 4) + roundUp(g->dstChannels, CHANNEL_BLOCK) + taps * (1 + PIXELS) + 4;
}

static inline void storeTile(float* out, v128_t low, v128_t high, int relu, int channels) {
  if (relu) {
    low = wasm_f32x4_max(low, wasm_f32x4_splat(0.0f));
    high = wasm_f32x4_max(high, wasm_f32x4_splat(0.0f));
  }
  if (channels >= CHANNEL_BLOCK) {
    wasm_v128_store(out, low);
    wasm_v128_store(out + 4, high);
    return;
  }
  float lanes[CHANNEL_BLOCK];
  wasm_v128_store(lanes, low);
  wasm_v128_store(lanes + 4, high);
  for (int c = 0; c < channels; c++) out[c] = lanes[c];
}

void gatherConv(const GatherConv* g, const float* src, const float* packed, const float* bias, int relu,
                float* dst, float* scratch) {
  const int K = g->srcChannels, M = g->dstChannels, Mpad = roundUp(M, CHANNEL_BLOCK);
  const int taps = g->tapsHigh * g->tapsWide;
  float* zeros = scratch;
  float* biasRow = zeros + roundUp(K, 4);
  int32_t* activeTaps = (int32_t*)(biasRow + Mpad);
  const float** sources = (const float**)(activeTaps + taps);
  zeroFloats(zeros, K);
  zeroFloats(biasRow, Mpad);
  if (bias) {
    for (int m = 0; m < M; m++) biasRow[m] = bias[m];
  }
  const long srcImage = (long)g->srcHeight * g->srcWidth * K;
  const long dstImage = (long)g->dstHeight * g->dstWidth * M;
  for (int n = 0; n < g->batch; n++) {
    const float* srcN = src + n * srcImage;
    float* dstN = dst + n * dstImage;
    for (int oh = 0; oh < g->dstHeight; oh++) {
      for (int ow0 = 0; ow0 < g->dstWidth; ow0 += PIXELS) {
        const int pixels = minInt(PIXELS, g->dstWidth - ow0);
        // The taps that reach the source for at least one pixel of the tile; the others add 0.
        int active = 0;
        for (int kh = 0; kh < g->tapsHigh; kh++) {
          const int ih = sourceIndex(oh, kh, &g->rows);
          if (ih < 0) continue;
          for (int kw = 0; kw < g->tapsWide; kw++) {
            const float** row = sources + active * PIXELS;
            int any = 0;
            for (int p = 0; p < PIXELS; p++) {
              const int iw = p < pixels ? sourceIndex(ow0 + p, kw, &g->cols) : -1;
              row[p] = iw < 0 ? zeros : srcN + ((long)ih * g->srcWidth + iw) * K;
              any |= iw >= 0;
            }
            if (any) activeTaps[active++] = kh * g->tapsWide + kw;
          }
        }
        float* out = dstN + ((long)oh * g->dstWidth + ow0) * M;
        for (int mb = 0; mb < Mpad; mb += CHANNEL_BLOCK) {
          const v128_t b0 = wasm_v128_load(biasRow + mb), b1 = wasm_v128_load(biasRow + mb + 4);
          v128_t a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1;
          for (int t = 0; t < active; t++) {
            const float* w = packed + (long)activeTaps[t] * K * Mpad + mb;
            const float* const* row = sources + t * PIXELS;
            const float *s0 = row[0], *s1 = row[1], *s2 = row[2], *s3 = row[3];
            for (int k = 0; k < K; k++) {
              const v128_t w0 = wasm_v128_load(w), w1 = wasm_v128_load(w + 4);
              w += Mpad;
              v128_t x = wasm_v128_load32_splat(s0 + k);
              a00 = wasm_f32x4_add(a00, wasm_f32x4_mul(x, w0));
              a01 = wasm_f32x4_add(a01, wasm_f32x4_mul(x, w1));
              x = wasm_v128_load32_splat(s1 + k);
              a10 = wasm_f32x4_add(a10, wasm_f32x4_mul(x, w0));
              a11 = wasm_f32x4_add(a11, wasm_f32x4_mul(x, w1));
              x = wasm_v128_load32_splat(s2 + k);
              a20 = wasm_f32x4_add(a20, wasm_f32x4_mul(x, w0));
              a21 = wasm_f32x4_add(a21, wasm_f32x4_mul(x, w1));
              x = wasm_v128_load32_splat(s3 + k);
              a30 = wasm_f32x4_add(a30, wasm_f32x4_mul(x, w0));
              a31 = wasm_f32x4_add(a31, wasm_f32x4_mul(x, w1));
            }
          }
          const int channels = M - mb;
          storeTile(out + mb, a00, a01, relu, channels);
          if (pixels > 1) storeTile(out + M + mb, a10, a11, relu, channels);
          if (pixels > 2) storeTile(out + 2 * M + mb, a20, a21, relu, channels);
          if (pixels > 3) storeTile(out + 3 * M + mb, a30, a31, relu, channels);
        }
      }
    }
  }
}
