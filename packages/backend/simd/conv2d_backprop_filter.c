// Conv2DBackpropFilter: dw[tap][in][out] = sum over images and output pixels of
// x[pixel through tap][in] * dy[pixel][out]. Image by image (so an image's x and dy stay in
// cache across the taps), each (tap, 4 input channels, 8 output channels) tile is a register
// block accumulated over the output pixels whose tap lands inside the input.
#include "simd.h"

// First output index o in [0, outSize) with o * stride - pad + k * dilation >= 0, and one past
// the last with it < inSize.
static void validRange(int k, int stride, int pad, int dilation, int inSize, int outSize, int* begin, int* end) {
  const int shift = k * dilation - pad;  // input index of output 0
  int first = shift >= 0 ? 0 : (-shift + stride - 1) / stride;
  int last = inSize - 1 - shift < 0 ? -1 : (inSize - 1 - shift) / stride;  // inclusive
  *begin = first;
  *end = minInt(last + 1, outSize);
  if (*end < *begin) *end = *begin;
}

EXPORT(conv2d_backprop_filter_scratch_bytes) int conv2dBackpropFilterScratchBytes(const Conv2dGeometry* g) {
  const int Mpad = roundUp(g->outChannels, CHANNEL_BLOCK);
  const int taps = g->filterHeight * g->filterWidth;
  const int paddedDy = g->outChannels == Mpad ? 0 : g->outHeight * g->outWidth * Mpad;
  return 4 * (taps * g->inChannels * Mpad + paddedDy);
}

// `channels` (1 or 4) input channels from `ci` against CHANNEL_BLOCK output channels from `mb`.
static inline __attribute__((always_inline)) void accumulateTile(const Conv2dGeometry* g, int channels,
                                                                const float* xImage, const float* dyImage,
                                                                int Mpad, int kh, int kw, int ci, int mb,
                                                                float* acc) {
  int ohBegin, ohEnd, owBegin, owEnd;
  validRange(kh, g->strideHeight, g->padTop, g->dilationHeight, g->inHeight, g->outHeight, &ohBegin, &ohEnd);
  validRange(kw, g->strideWidth, g->padLeft, g->dilationWidth, g->inWidth, g->outWidth, &owBegin, &owEnd);
  const int K = g->inChannels;
  v128_t a00 = wasm_v128_load(acc), a01 = wasm_v128_load(acc + 4);
  v128_t a10, a11, a20, a21, a30, a31;
  if (channels == 4) {
    a10 = wasm_v128_load(acc + Mpad), a11 = wasm_v128_load(acc + Mpad + 4);
    a20 = wasm_v128_load(acc + 2 * Mpad), a21 = wasm_v128_load(acc + 2 * Mpad + 4);
    a30 = wasm_v128_load(acc + 3 * Mpad), a31 = wasm_v128_load(acc + 3 * Mpad + 4);
  }
  const long xStep = (long)g->strideWidth * K;
  for (int oh = ohBegin; oh < ohEnd; oh++) {
    const int ih = oh * g->strideHeight - g->padTop + kh * g->dilationHeight;
    const int iw = owBegin * g->strideWidth - g->padLeft + kw * g->dilationWidth;
    const float* x = xImage + ((long)ih * g->inWidth + iw) * K + ci;
    const float* dy = dyImage + ((long)oh * g->outWidth + owBegin) * Mpad + mb;
    for (int ow = owBegin; ow < owEnd; ow++, x += xStep, dy += Mpad) {
      const v128_t d0 = wasm_v128_load(dy), d1 = wasm_v128_load(dy + 4);
      v128_t s = wasm_v128_load32_splat(x);
      a00 = wasm_f32x4_add(a00, wasm_f32x4_mul(s, d0));
      a01 = wasm_f32x4_add(a01, wasm_f32x4_mul(s, d1));
      if (channels == 4) {
        s = wasm_v128_load32_splat(x + 1);
        a10 = wasm_f32x4_add(a10, wasm_f32x4_mul(s, d0));
        a11 = wasm_f32x4_add(a11, wasm_f32x4_mul(s, d1));
        s = wasm_v128_load32_splat(x + 2);
        a20 = wasm_f32x4_add(a20, wasm_f32x4_mul(s, d0));
        a21 = wasm_f32x4_add(a21, wasm_f32x4_mul(s, d1));
        s = wasm_v128_load32_splat(x + 3);
        a30 = wasm_f32x4_add(a30, wasm_f32x4_mul(s, d0));
        a31 = wasm_f32x4_add(a31, wasm_f32x4_mul(s, d1));
      }
    }
  }
  wasm_v128_store(acc, a00), wasm_v128_store(acc + 4, a01);
  if (channels == 4) {
    wasm_v128_store(acc + Mpad, a10), wasm_v128_store(acc + Mpad + 4, a11);
    wasm_v128_store(acc + 2 * Mpad, a20), wasm_v128_store(acc + 2 * Mpad + 4, a21);
    wasm_v128_store(acc + 3 * Mpad, a30), wasm_v128_store(acc + 3 * Mpad + 4, a31);
  }
}

// Accumulates the images [batchBegin, batchEnd) into this thread's scratch (its first
// taps * inChannels * Mpad floats; conv2d_backprop_filter_finish adds the threads' up).
EXPORT(conv2d_backprop_filter_run) void conv2dBackpropFilterRun(const Conv2dGeometry* g, const float* x,
                                                                const float* dy, float* scratch, int batchBegin,
                                                                int batchEnd) {
  const int K = g->inChannels, M = g->outChannels, Mpad = roundUp(M, CHANNEL_BLOCK);
  const int taps = g->filterHeight * g->filterWidth;
  float* acc = scratch;  // [tap][in][Mpad]
  float* paddedDy = acc + (long)taps * K * Mpad;
  zeroFloats(acc, taps * K * Mpad);
  const long xImage = (long)g->inHeight * g->inWidth * K;
  const long dyPixels = (long)g->outHeight * g->outWidth;
  for (int n = batchBegin; n < batchEnd; n++) {
    const float* dyImage = dy + n * dyPixels * M;
    if (M != Mpad) {  // rows of Mpad channels, so every tile reads whole f32x4s
      for (long p = 0; p < dyPixels; p++) {
        for (int m = 0; m < M; m++) paddedDy[p * Mpad + m] = dyImage[p * M + m];
        for (int m = M; m < Mpad; m++) paddedDy[p * Mpad + m] = 0.0f;
      }
      dyImage = paddedDy;
    }
    const float* xN = x + n * xImage;
    for (int kh = 0; kh < g->filterHeight; kh++) {
      for (int kw = 0; kw < g->filterWidth; kw++) {
        float* accTap = acc + (long)(kh * g->filterWidth + kw) * K * Mpad;
        for (int mb = 0; mb < Mpad; mb += CHANNEL_BLOCK) {
          int ci = 0;
          for (; ci + 4 <= K; ci += 4) accumulateTile(g, 4, xN, dyImage, Mpad, kh, kw, ci, mb, accTap + ci * Mpad + mb);
          for (; ci < K; ci++) accumulateTile(g, 1, xN, dyImage, Mpad, kh, kw, ci, mb, accTap + ci * Mpad + mb);
        }
      }
    }
  }
}

// dw = the sum of `threads` accumulators, each at the start of a scratch block `stride` bytes apart.
EXPORT(conv2d_backprop_filter_finish) void conv2dBackpropFilterFinish(const Conv2dGeometry* g, const float* scratch,
                                                                      int stride, int threads, float* dw) {
  const int K = g->inChannels, M = g->outChannels, Mpad = roundUp(M, CHANNEL_BLOCK);
  const long rows = (long)g->filterHeight * g->filterWidth * K;
  for (long row = 0; row < rows; row++) {
    for (int m = 0; m < M; m++) {
      float total = 0.0f;
      for (int t = 0; t < threads; t++) total += ((const float*)((const char*)scratch + (long)t * stride))[row * Mpad + m];
      dw[row * M + m] = total;
    }
  }
}
