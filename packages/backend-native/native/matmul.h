// Batched matrix product c[b] = act(op(a[b]) · op(b[b]) + bias), op = optional transpose, read
// through strides so that transposed operands are never copied.
#pragma once

namespace contrastive {

struct MatMulGeometry {
  int batchA, batchB;  // equal, or one of them 1 (broadcast)
  int m, k, n;         // logical sizes of op(a) [m, k] and op(b) [k, n]
  bool transposeA, transposeB;
};

void matMul(const MatMulGeometry& g, const float* a, const float* b, const float* bias, bool relu,
            float* c);

}  // namespace contrastive
