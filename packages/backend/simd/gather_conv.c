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
  // zero pixel + bias row + (tap list + PIXELS pointers per tap, 32-bit words) + a row of patches.
  const int patchRow = roundUp(g->dstWidth, PIXELS) * taps * g->srcChannels + g->tapsHigh * (g->tapsWide + PIXELS);
  return roundUp(g->srcChannels, 4) + roundUp(g->dstChannels, CHANNEL_BLOCK) + taps * (1 + PIXELS) + 4 + patchRow;
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


// One tile: PIXELS destination pixels (`pixels` of them real) x all M channels, CHANNEL_BLOCK at a
// time; tap t of pixel p reads `depth` source values from sources[t * PIXELS + p], against the
// weight rows of packed tap taps[t].
static inline __attribute__((always_inline)) void tapTile(float* out, const float* packed, const float* biasRow,
                                                         int depth, int M, int Mpad, const int32_t* taps, int tapCount,
                                                         const float* const* sources, int pixels, int relu) {
  for (int mb = 0; mb < Mpad; mb += CHANNEL_BLOCK) {
    const v128_t b0 = wasm_v128_load(biasRow + mb), b1 = wasm_v128_load(biasRow + mb + 4);
    v128_t a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1;
    for (int t = 0; t < tapCount; t++) {
      const float* w = packed + (long)taps[t] * depth * Mpad + mb;
      const float* const* row = sources + t * PIXELS;
      const float *s0 = row[0], *s1 = row[1], *s2 = row[2], *s3 = row[3];
      for (int k = 0; k < depth; k++) {
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

// 4 x 4 transpose: lanes of a0..a3 (4 pixels of one channel each) become 4 pixels' channels.
static inline __attribute__((always_inline)) void transpose4(v128_t a0, v128_t a1, v128_t a2, v128_t a3, v128_t* p) {
  const v128_t t0 = wasm_i32x4_shuffle(a0, a1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(a2, a3, 0, 4, 1, 5);
  const v128_t t2 = wasm_i32x4_shuffle(a0, a1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(a2, a3, 2, 6, 3, 7);
  p[0] = wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5);
  p[1] = wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7);
  p[2] = wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5);
  p[3] = wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7);
}

// One source channel, no stride or dilation along the width (the seed CNN's first layer): a
// channel-vectorised tile would contract over a single value per tap, so vectorise over 4
// adjacent destination pixels instead. Each source row a tap reaches is copied once, zero
// padded, so the 4 pixels' values for tap (kh, kw) are one f32x4 load at column ow + kw; each
// of 8 output channels multiplies it by its broadcast weight; a 4 x 4 transpose puts the
// result back in NHWC order.
static void singleChannelConv(const GatherConv* g, const float* src, const float* packed, const float* biasRow,
                              int relu, float* dst, float* rowsBuffer, int batchBegin, int batchEnd) {
  const int M = g->dstChannels, Mpad = roundUp(M, CHANNEL_BLOCK), tapsWide = g->tapsWide;
  const int rowLength = roundUp(g->dstWidth, PIXELS) + tapsWide + PIXELS;
  const int padLeft = -g->cols.offset;
  const long srcImage = (long)g->srcHeight * g->srcWidth;
  const long dstImage = (long)g->dstHeight * g->dstWidth * M;
  for (int n = batchBegin; n < batchEnd; n++) {
    const float* srcN = src + n * srcImage;
    float* dstN = dst + n * dstImage;
    for (int oh = 0; oh < g->dstHeight; oh++) {
      int kernelRows[64];
      const float* rows[64];
      int active = 0;
      for (int kh = 0; kh < g->tapsHigh && active < 64; kh++) {
        const int ih = sourceIndex(oh, kh, &g->rows);
        if (ih < 0) continue;
        float* row = rowsBuffer + (long)active * rowLength;
        const float* from = srcN + (long)ih * g->srcWidth;
        for (int j = 0; j < rowLength; j++) {
          const int iw = j - padLeft;
          row[j] = iw >= 0 && iw < g->srcWidth ? from[iw] : 0.0f;
        }
        kernelRows[active] = kh;
        rows[active++] = row;
      }
      for (int ow0 = 0; ow0 < g->dstWidth; ow0 += PIXELS) {
        const int pixels = minInt(PIXELS, g->dstWidth - ow0);
        float* out = dstN + ((long)oh * g->dstWidth + ow0) * M;
        for (int mb = 0; mb < Mpad; mb += CHANNEL_BLOCK) {
          const float* b = biasRow + mb;
          v128_t a0 = wasm_v128_load32_splat(b), a1 = wasm_v128_load32_splat(b + 1);
          v128_t a2 = wasm_v128_load32_splat(b + 2), a3 = wasm_v128_load32_splat(b + 3);
          v128_t a4 = wasm_v128_load32_splat(b + 4), a5 = wasm_v128_load32_splat(b + 5);
          v128_t a6 = wasm_v128_load32_splat(b + 6), a7 = wasm_v128_load32_splat(b + 7);
          for (int r = 0; r < active; r++) {
            const float* x = rows[r] + ow0;
            const float* w = packed + (long)kernelRows[r] * tapsWide * Mpad + mb;
            for (int kw = 0; kw < tapsWide; kw++, w += Mpad) {
              const v128_t xv = wasm_v128_load(x + kw);
              a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(xv, wasm_v128_load32_splat(w)));
              a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(xv, wasm_v128_load32_splat(w + 1)));
              a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(xv, wasm_v128_load32_splat(w + 2)));
              a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(xv, wasm_v128_load32_splat(w + 3)));
              a4 = wasm_f32x4_add(a4, wasm_f32x4_mul(xv, wasm_v128_load32_splat(w + 4)));
              a5 = wasm_f32x4_add(a5, wasm_f32x4_mul(xv, wasm_v128_load32_splat(w + 5)));
              a6 = wasm_f32x4_add(a6, wasm_f32x4_mul(xv, wasm_v128_load32_splat(w + 6)));
              a7 = wasm_f32x4_add(a7, wasm_f32x4_mul(xv, wasm_v128_load32_splat(w + 7)));
            }
          }
          v128_t low[4], high[4];
          transpose4(a0, a1, a2, a3, low);
          transpose4(a4, a5, a6, a7, high);
          for (int p = 0; p < pixels; p++) storeTile(out + p * M + mb, low[p], high[p], relu, M - mb);
        }
      }
    }
  }
}

// Without a stride in the gather (divisor 1: every forward convolution, and the input gradient
// of a stride-1 one), each destination row first copies its pixels' receptive fields into one
// contiguous row of taps * K values (zeros outside the source): the tiles then run a single
// contraction of depth taps * K with no per-tap bookkeeping, which is what makes one input
// channel (taps * 1 values per pixel) fast.
static void patchRowConv(const GatherConv* g, const float* src, const float* packed, const float* biasRow, int relu,
                         float* dst, float* patches, int batchBegin, int batchEnd) {
  const int K = g->srcChannels, M = g->dstChannels, Mpad = roundUp(M, CHANNEL_BLOCK);
  const int taps = g->tapsHigh * g->tapsWide, depth = taps * K;
  const int rowFloats = roundUp(g->dstWidth, PIXELS) * depth;
  const int32_t firstTap = 0;
  const long srcImage = (long)g->srcHeight * g->srcWidth * K;
  const long dstImage = (long)g->dstHeight * g->dstWidth * M;
  zeroFloats(patches, rowFloats);  // the pixels past the row's end stay zero
  for (int n = batchBegin; n < batchEnd; n++) {
    const float* srcN = src + n * srcImage;
    float* dstN = dst + n * dstImage;
    for (int oh = 0; oh < g->dstHeight; oh++) {
      for (int ow = 0; ow < g->dstWidth; ow++) {
        float* patch = patches + (long)ow * depth;
        for (int kh = 0; kh < g->tapsHigh; kh++) {
          const int ih = sourceIndex(oh, kh, &g->rows);
          for (int kw = 0; kw < g->tapsWide; kw++, patch += K) {
            const int iw = ih < 0 ? -1 : sourceIndex(ow, kw, &g->cols);
            if (iw < 0) {
              for (int k = 0; k < K; k++) patch[k] = 0.0f;
            } else {
              const float* from = srcN + ((long)ih * g->srcWidth + iw) * K;
              for (int k = 0; k < K; k++) patch[k] = from[k];
            }
          }
        }
      }
      for (int ow0 = 0; ow0 < g->dstWidth; ow0 += PIXELS) {
        const float* sources[PIXELS];
        for (int p = 0; p < PIXELS; p++) sources[p] = patches + (long)(ow0 + p) * depth;
        tapTile(dstN + ((long)oh * g->dstWidth + ow0) * M, packed, biasRow, depth, M, Mpad, &firstTap, 1, sources,
                minInt(PIXELS, g->dstWidth - ow0), relu);
      }
    }
  }
}

void gatherConv(const GatherConv* g, const float* src, const float* packed, const float* bias, int relu,
                float* dst, float* scratch, int batchBegin, int batchEnd) {
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
  float* patches = (float*)(sources + taps * PIXELS);
  if (K == 1 && g->tapsHigh <= 64 && g->rows.divisor == 1 && g->cols.divisor == 1 && g->cols.scale == 1 &&
      g->cols.step == 1) {
    singleChannelConv(g, src, packed, biasRow, relu, dst, patches, batchBegin, batchEnd);
    return;
  }
  if (g->rows.divisor == 1 && g->cols.divisor == 1) {
    patchRowConv(g, src, packed, biasRow, relu, dst, patches, batchBegin, batchEnd);
    return;
  }
  const long srcImage = (long)g->srcHeight * g->srcWidth * K;
  const long dstImage = (long)g->dstHeight * g->dstWidth * M;
  for (int n = batchBegin; n < batchEnd; n++) {
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
        tapTile(dstN + ((long)oh * g->dstWidth + ow0) * M, packed, biasRow, K, M, Mpad, activeTaps, active, sources, pixels,
                relu);
      }
    }
  }
}
