#include "max_pool_grad.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace contrastive {

void maxPoolGrad(const PoolGeometry& g, const float* dy, const float* x, float* dx) {
  const long inImage = static_cast<long>(g.inHeight) * g.inWidth * g.channels;
  const long outImage = static_cast<long>(g.outHeight) * g.outWidth * g.channels;
  // Images are independent (overlapping windows only share pixels within an image), so the
  // batch splits across threads with no write conflicts.
#pragma omp parallel for schedule(static)
  for (int n = 0; n < g.batch; n++) {
    const float* xImage = x + n * inImage;
    float* dxImage = dx + n * inImage;
    const float* dyImage = dy + n * outImage;
    std::memset(dxImage, 0, sizeof(float) * inImage);
    for (int oh = 0; oh < g.outHeight; oh++) {
      const int h0 = oh * g.strideHeight - g.padTop;
      const int hBegin = std::max(h0, 0);
      const int hEnd = std::min(h0 + g.filterHeight, g.inHeight);
      for (int ow = 0; ow < g.outWidth; ow++) {
        const int w0 = ow * g.strideWidth - g.padLeft;
        const int wBegin = std::max(w0, 0);
        const int wEnd = std::min(w0 + g.filterWidth, g.inWidth);
        const float* gradient = dyImage + (static_cast<long>(oh) * g.outWidth + ow) * g.channels;
        for (int c = 0; c < g.channels; c++) {
          float best = -std::numeric_limits<float>::infinity();
          long bestAt = -1;
          for (int h = hBegin; h < hEnd; h++) {
            for (int w = wBegin; w < wEnd; w++) {
              const long at = (static_cast<long>(h) * g.inWidth + w) * g.channels + c;
              if (xImage[at] > best) {
                best = xImage[at];
                bestAt = at;
              }
            }
          }
          if (bestAt >= 0) dxImage[bestAt] += gradient[c];
        }
      }
    }
  }
}

}  // namespace contrastive
