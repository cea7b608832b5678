// Sum over leading axes (every bias gradient: dy [N, H, W, C] summed over N, H, W): x seen as
// [rows][cols], out[c] = sum over rows of x[r][c]. Rows are added in blocks of ROW_BLOCK into a
// partial sum that is then added to the total, so float32 rounding grows with the number of
// blocks, not of rows (401408 rows for the seed CNN's first bias).
#include "simd.h"

#define ROW_BLOCK 256
// Column chunk held in registers while a block of rows streams past (8 x f32x4).
#define COL_CHUNK 32

static inline __attribute__((always_inline)) void sumColumns(const float* x, long rows, int cols, int c0, int width, float* out) {
  v128_t total[COL_CHUNK / 4];
  const int vectors = width / 4;
  for (int v = 0; v < vectors; v++) total[v] = wasm_f32x4_splat(0.0f);
  for (long r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
    const long r1 = r0 + ROW_BLOCK < rows ? r0 + ROW_BLOCK : rows;
    v128_t partial[COL_CHUNK / 4];
    for (int v = 0; v < vectors; v++) partial[v] = wasm_f32x4_splat(0.0f);
    for (long r = r0; r < r1; r++) {
      const float* row = x + r * cols + c0;
      for (int v = 0; v < vectors; v++) partial[v] = wasm_f32x4_add(partial[v], wasm_v128_load(row + 4 * v));
    }
    for (int v = 0; v < vectors; v++) total[v] = wasm_f32x4_add(total[v], partial[v]);
  }
  for (int v = 0; v < vectors; v++) wasm_v128_store(out + c0 + 4 * v, total[v]);
}

// out[c] for the columns past the last multiple of 4, one at a time with the same blocking.
static void sumColumnTail(const float* x, long rows, int cols, int c, float* out) {
  float total = 0.0f;
  for (long r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
    const long r1 = r0 + ROW_BLOCK < rows ? r0 + ROW_BLOCK : rows;
    float partial = 0.0f;
    for (long r = r0; r < r1; r++) partial += x[r * cols + c];
    total += partial;
  }
  out[c] = total;
}

// out = the sum of rows [rowBegin, rowEnd) of x (threads take row ranges into their own outs).
EXPORT(leading_axes_sum) void leadingAxesSum(const float* x, int rowBegin, int rowEnd, int cols, float* out) {
  x += (long)rowBegin * cols;
  const long rows = rowEnd - rowBegin;
  int c0 = 0;
  for (; c0 + COL_CHUNK <= cols; c0 += COL_CHUNK) sumColumns(x, rows, cols, c0, COL_CHUNK, out);
  const int rest = (cols - c0) / 4 * 4;
  if (rest) sumColumns(x, rows, cols, c0, rest, out);
  for (int c = c0 + rest; c < cols; c++) sumColumnTail(x, rows, cols, c, out);
}

// out = the sum of `count` partial sums of `cols` values each, `stride` floats apart.
EXPORT(add_partial_sums) void addPartialSums(const float* partials, int count, int stride, int cols, float* out) {
  for (int c = 0; c < cols; c++) {
    float total = 0.0f;
    for (int i = 0; i < count; i++) total += partials[(long)i * stride + c];
    out[c] = total;
  }
}
