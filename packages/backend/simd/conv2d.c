// Conv2D (NHWC input, HWIO filter) and its input gradient, both as a gatherConv.
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

static int packedFloats(const GatherConv* c) {
  return c->tapsHigh * c->tapsWide * c->srcChannels * roundUp(c->dstChannels, CHANNEL_BLOCK);
}

EXPORT(conv2d_scratch_bytes) int conv2dScratchBytes(const Conv2dGeometry* g, int inputGradient) {
  const GatherConv c = inputGradient ? inputGradientConv(g) : forwardConv(g);
  return 4 * (packedFloats(&c) + gatherConvScratchFloats(&c));
}

// y = act(conv(x, w) + bias); bias may be null; relu = 1 clamps at 0.
EXPORT(conv2d) void conv2d(const Conv2dGeometry* g, const float* x, const float* w, const float* bias, int relu,
                           float* y, float* scratch) {
  const GatherConv c = forwardConv(g);
  const int taps = c.tapsHigh * c.tapsWide, K = c.srcChannels, M = c.dstChannels;
  const int Mpad = roundUp(M, CHANNEL_BLOCK);
  float* packed = scratch;
  // [tap][in][out] as the filter is, rows padded to Mpad with zeros.
  for (int row = 0; row < taps * K; row++) {
    float* to = packed + (long)row * Mpad;
    const float* from = w + (long)row * M;
    for (int m = 0; m < M; m++) to[m] = from[m];
    for (int m = M; m < Mpad; m++) to[m] = 0.0f;
  }
  gatherConv(&c, x, packed, bias, relu, y, packed + packedFloats(&c));
}

// dx = the gradient of conv(x, w) with respect to x, given dy.
EXPORT(conv2d_backprop_input) void conv2dBackpropInput(const Conv2dGeometry* g, const float* dy, const float* w,
                                                       float* dx, float* scratch) {
  const GatherConv c = inputGradientConv(g);
  const int taps = c.tapsHigh * c.tapsWide, K = c.srcChannels, M = c.dstChannels;
  const int Mpad = roundUp(M, CHANNEL_BLOCK);
  float* packed = scratch;
  // [tap][out][in]: the filter with its channel axes swapped, rows padded to Mpad with zeros.
  for (int t = 0; t < taps; t++) {
    const float* from = w + (long)t * M * K;
    float* to = packed + (long)t * K * Mpad;
    for (int k = 0; k < K; k++) {
      for (int m = 0; m < M; m++) to[k * Mpad + m] = from[m * K + k];
      for (int m = M; m < Mpad; m++) to[k * Mpad + m] = 0.0f;
    }
  }
  gatherConv(&c, dy, packed, 0, 0, dx, packed + packedFloats(&c));
}
