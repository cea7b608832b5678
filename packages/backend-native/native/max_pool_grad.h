// Gradient of 2-D max pooling over NHWC input: each output's gradient goes to the first strict
// maximum of its window (row-major order; padding, -inf and NaN never win), as TensorFlow.js'
// cpu kernel does, so a window of only -inf or NaN passes no gradient.
#pragma once

namespace contrastive {

struct PoolGeometry {
  int batch, inHeight, inWidth, channels;
  int outHeight, outWidth;
  int filterHeight, filterWidth;
  int strideHeight, strideWidth;
  int padTop, padLeft;
};

void maxPoolGrad(const PoolGeometry& g, const float* dy, const float* x, float* dx);

}  // namespace contrastive
