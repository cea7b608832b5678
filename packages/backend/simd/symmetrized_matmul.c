// SymmetrizedMatMul: out = alpha (g + gᵀ) c for g [n][n] and c [n][d] (SupCon's gradient with
// respect to shared anchors and contrast rows): one GEMM instead of g c + gᵀ c, and gᵀ is never
// materialised: each 4-row panel of g + gᵀ is added up while it is packed (4 x 4 blocks of g
// transposed in registers plus 4 x 4 blocks of g read as they are).
#include "gemm_tile.h"

// Bytes of c packed in 8-column panels (symmetrized_matmul_pack).
EXPORT(symmetrized_matmul_scratch_bytes) int symmetrizedMatMulScratchBytes(int n, int d) {
  return (int)((long)n * roundUp(d, TILE_COLS) * sizeof(float));
}

// c [n][d] packed k-major in panels of 8 columns (columns past d are zero): out[p][k][j] = c[k][8p + j].
EXPORT(symmetrized_matmul_pack) void symmetrizedMatMulPack(const float* c, int n, int d, float* out) {
  for (int p = 0; p * TILE_COLS < d; p++) {
    float* panel = out + (long)p * n * TILE_COLS;
    const int width = minInt(TILE_COLS, d - p * TILE_COLS);
    for (int k = 0; k < n; k++) {
      const float* source = c + (long)k * d + p * TILE_COLS;
      float* target = panel + (long)k * TILE_COLS;
      if (width == TILE_COLS) {
        wasm_v128_store(target, wasm_v128_load(source));
        wasm_v128_store(target + 4, wasm_v128_load(source + 4));
      } else {
        for (int j = 0; j < TILE_COLS; j++) target[j] = j < width ? source[j] : 0.0f;
      }
    }
  }
}

// Depth of a block of k: a 4-row panel of A (4 KB) and the matching slice of packed c (128 KB at
// d = 128) stay in L1 and L2 while every row panel of a thread runs through them.
#define DEPTH_BLOCK 256

// Rows row..row+3 of alpha (g + gᵀ) for k in [k0, k0 + depth), k-major: panel[k - k0][r] =
// alpha (g[row + r][k] + g[k][row + r]), 0 past n. gᵀ's part is 4 x 4 blocks of g read as they are,
// g's part 4 x 4 blocks transposed in registers.
static void packSymmetrizedRows(const float* g, int n, int row, int k0, int depth, float alpha, float* panel) {
  const v128_t scale = wasm_f32x4_splat(alpha);
  int k = 0;
  if (row + TILE_ROWS <= n) {
    const float* rows = g + (long)row * n + k0;
    for (; k + 4 <= depth; k += 4) {
      v128_t r0 = wasm_v128_load(rows + k), r1 = wasm_v128_load(rows + n + k);
      v128_t r2 = wasm_v128_load(rows + 2 * n + k), r3 = wasm_v128_load(rows + 3 * n + k);
      transpose4(&r0, &r1, &r2, &r3);  // r_i = g[row..row+3][k0 + k + i]
      const v128_t gt[4] = {r0, r1, r2, r3};
      for (int i = 0; i < 4; i++) {
        const v128_t sum = wasm_f32x4_add(gt[i], wasm_v128_load(g + (long)(k0 + k + i) * n + row));
        wasm_v128_store(panel + (long)(k + i) * TILE_ROWS, wasm_f32x4_mul(sum, scale));
      }
    }
  }
  for (; k < depth; k++) {
    for (int r = 0; r < TILE_ROWS; r++) {
      panel[(long)k * TILE_ROWS + r] =
          row + r < n ? alpha * (g[(long)(row + r) * n + k0 + k] + g[(long)(k0 + k) * n + row + r]) : 0.0f;
    }
  }
}

// Row panels [panelBegin, panelEnd) (4 rows each) of out [n][d], a block of k at a time, added
// into out after the first; `panel` is this thread's 4 min(n, DEPTH_BLOCK) floats.
// alpha is read from memory: thread jobs carry only int32 arguments.
EXPORT(symmetrized_matmul) void symmetrizedMatMul(const float* g, const float* packedC, int n, int d,
                                                  const float* alphaAt, float* out, float* panel, int panelBegin,
                                                  int panelEnd) {
  const float alpha = *alphaAt;
  for (int k0 = 0; k0 < n; k0 += DEPTH_BLOCK) {
    const int depth = minInt(DEPTH_BLOCK, n - k0);
    for (int p = panelBegin; p < panelEnd; p++) {
      const int row = p * TILE_ROWS;
      packSymmetrizedRows(g, n, row, k0, depth, alpha, panel);
      for (int col = 0; col < d; col += TILE_COLS) {
        const Tile tile = multiplyPanels(panel, packedC + (long)col * n + (long)k0 * TILE_COLS, depth);
        if (k0 == 0) storeTile(tile, out, d, row, col, n, d);
        else addToTile(tile, out, d, row, col, n, d);
      }
    }
  }
}
