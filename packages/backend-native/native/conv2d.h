// 2-D convolution forward and both gradients over NHWC activations and HWIO filters (the
// layouts TensorFlow.js uses), on caller-owned float32 buffers.
#pragma once

namespace contrastive {

struct Conv2dGeometry {
  int batch, inHeight, inWidth, inChannels;
  int filterHeight, filterWidth, outChannels;
  int outHeight, outWidth;
  int strideHeight, strideWidth;
  int dilationHeight, dilationWidth;  // TensorFlow's convention: 1 = no dilation
  int padTop, padBottom, padLeft, padRight;
};

// y = act(conv(x, w) + bias); bias may be null; relu selects the activation.
void conv2dForward(const Conv2dGeometry& g, const float* x, const float* w, const float* bias,
                   bool relu, float* y);
// dx = gradient of conv(x, w) with respect to x, given dy.
void conv2dBackwardData(const Conv2dGeometry& g, const float* dy, const float* w, float* dx);
// dw = gradient of conv(x, w) with respect to w, given dy.
void conv2dBackwardWeights(const Conv2dGeometry& g, const float* x, const float* dy, float* dw);

}  // namespace contrastive
