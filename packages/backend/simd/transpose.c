// Transpose of the last two axes of a 4-byte tensor ([batch][rows][cols] -> [batch][cols][rows]):
// what @contrastive/backend's matMuls materialise for transposed operands, and what tfjs-wasm
// does one element at a time through a generic N-d loop. 4 x 4 blocks through shuffles.
#include "simd.h"

static inline void transposeBlock(const float* in, int cols, float* out, int rows) {
  const v128_t r0 = wasm_v128_load(in), r1 = wasm_v128_load(in + cols);
  const v128_t r2 = wasm_v128_load(in + 2 * cols), r3 = wasm_v128_load(in + 3 * cols);
  const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
  const v128_t t2 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
  wasm_v128_store(out, wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5));
  wasm_v128_store(out + rows, wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7));
  wasm_v128_store(out + 2 * rows, wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5));
  wasm_v128_store(out + 3 * rows, wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7));
}

// Rows [rowBegin, rowEnd) of every matrix (threads take row ranges); out[b][c][r] = in[b][r][c].
EXPORT(transpose_last_two) void transposeLastTwo(const float* in, int batch, int rows, int cols, float* out,
                                                 int rowBegin, int rowEnd) {
  const long matrix = (long)rows * cols;
  for (int b = 0; b < batch; b++) {
    const float* x = in + b * matrix;
    float* y = out + b * matrix;
    int r = rowBegin;
    for (; r + 4 <= rowEnd; r += 4) {
      int c = 0;
      for (; c + 4 <= cols; c += 4) transposeBlock(x + (long)r * cols + c, cols, y + (long)c * rows + r, rows);
      for (; c < cols; c++) {
        for (int k = 0; k < 4; k++) y[(long)c * rows + r + k] = x[(long)(r + k) * cols + c];
      }
    }
    for (; r < rowEnd; r++) {
      for (int c = 0; c < cols; c++) y[(long)c * rows + r] = x[(long)r * cols + c];
    }
  }
}
