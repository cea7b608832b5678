// Conv2D (NHWC input, HWIO filter) and its input gradient, both as a gatherConv: the calling
// thread packs the filter once (conv2d_pack), then every thread runs its own range of images
// (conv2d_run) with its own scratch.
#include "gather_conv.h"

static GatherConv forwardConv(const Conv2dGeometry* g) {
  GatherConv c = {
      g->batch, g->inHeight, g->inWidth, g->inChannels, g->outHeight, g->outWidth, g->outChannels,
      g->filterHeight, g->filterWidth,
      {g->strideHeight, -g->padTop, g->dilationHeight, 1, g->inHeight},
      {g->strideWidth, -g->padLeft, g->dilationWidth, 1, g->inWidth},
  };
  return c;
}

// The input gradient gathers dy into dx: dx[ih] takes dy[(ih + pad - k * dilation) / stride].
static GatherConv inputGradientConv(const Conv2dGeometry* g) {
  GatherConv c = {
      g->batch, g->outHeight, g->outWidth, g->outChannels, g->inHeight, g->inWidth, g->inChannels,
      g->filterHeight, g->filterWidth,
      {1, g->padTop, -g->dilationHeight, g->strideHeight, g->outHeight},
      {1, g->padLeft, -g->dilationWidth, g->strideWidth, g->outWidth},
  };
  return c;
}

static GatherConv convOf(const Conv2dGeometry* g, int inputGradient) {
  return inputGradient ? inputGradientConv(g) : forwardConv(g);
}

static int packedFloats(const GatherConv* c) {
  return c->tapsHigh * c->tapsWide * c->srcChannels * roundUp(c->dstChannels, CHANNEL_BLOCK);
}

// Bytes of the packed filter (one per call).
EXPORT(conv2d_packed_bytes) int conv2dPackedBytes(const Conv2dGeometry* g, int inputGradient) {
  const GatherConv c = convOf(g, inputGradient);
  return 4 * packedFloats(&c);
}

// Bytes of scratch each thread needs.
EXPORT(conv2d_scratch_bytes) int conv2dScratchBytes(const Conv2dGeometry* g, int inputGradient) {
  const GatherConv c = convOf(g, inputGradient);
  return 4 * gatherConvScratchFloats(&c);
}

// The filter as [tap][source channel][destination channel padded to Mpad with zeros]: as it is for
// the forward pass, with its channel axes swapped for the input gradient.
EXPORT(conv2d_pack) void conv2dPack(const Conv2dGeometry* g, const float* w, int inputGradient, float* packed) {
  const GatherConv c = convOf(g, inputGradient);
  const int taps = c.tapsHigh * c.tapsWide, K = c.srcChannels, M = c.dstChannels;
  const int Mpad = roundUp(M, CHANNEL_BLOCK);
  for (int t = 0; t < taps; t++) {
    const float* from = w + (long)t * M * K;
    float* to = packed + (long)t * K * Mpad;
    for (int k = 0; k < K; k++) {
      if (inputGradient) {
        for (int m = 0; m < M; m++) to[k * Mpad + m] = from[m * K + k];
      } else {
        for (int m = 0; m < M; m++) to[k * Mpad + m] = from[k * M + m];
      }
      for (int m = M; m < Mpad; m++) to[k * Mpad + m] = 0.0f;
    }
  }
}

// Forward: dst = y = act(conv(src = x) + bias) (bias may be null; relu = 1 clamps at 0).
// Input gradient: dst = dx from src = dy (no bias, no relu). Images [batchBegin, batchEnd).
EXPORT(conv2d_run) void conv2dRun(const Conv2dGeometry* g, const float* src, const float* packed, const float* bias,
                                  int relu, float* dst, float* scratch, int inputGradient, int batchBegin,
                                  int batchEnd) {
  const GatherConv c = convOf(g, inputGradient);
  gatherConv(&c, src, packed, bias, relu, dst, scratch, batchBegin, batchEnd);
}
