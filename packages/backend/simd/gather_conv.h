// One convolution loop for the forward pass and the input gradient: every destination pixel
// gathers source pixels through the taps, and each source pixel's channels (K) contract with a
// packed [tap][K][Mpad] weight block into the destination's channels (M, padded to Mpad).
#ifndef CONTRASTIVE_GATHER_CONV_H
#define CONTRASTIVE_GATHER_CONV_H

#include "simd.h"

// Source row (or column) of destination row o through tap k: (o * scale + offset + k * step) /
// divisor, when that divides exactly and lands inside the source. The forward convolution has
// scale = stride, offset = -pad, step = dilation, divisor 1; its input gradient scale 1,
// offset = pad, step = -1, divisor = stride.
typedef struct {
  int scale, offset, step, divisor, size;
} TapAxis;

typedef struct {
  int batch;
  int srcHeight, srcWidth, srcChannels;
  int dstHeight, dstWidth, dstChannels;
  int tapsHigh, tapsWide;
  TapAxis rows, cols;
} GatherConv;

// Floats of scratch gatherConv needs besides the packed weights: the zero pixel, the bias row and
// the per-tile source pointers.
int gatherConvScratchFloats(const GatherConv* g);

// dst = act(sum over taps of src · packed + bias) for the images [batchBegin, batchEnd) (threads
// take disjoint ranges). `packed` is [taps][srcChannels][Mpad]; `bias` is M floats or null; relu
// clamps at 0. `scratch` (one per thread) holds gatherConvScratchFloats(g) floats.
void gatherConv(const GatherConv* g, const float* src, const float* packed, const float* bias, int relu,
                float* dst, float* scratch, int batchBegin, int batchEnd);

#endif
