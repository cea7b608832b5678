// SymmetricGram: out = alpha x xᵀ for x [n][d] (SupCon's logits when anchors and contrast rows are
// the same). The product is symmetric, so only blocks on or above the diagonal are multiplied
// (8 x 8 blocks, two 4 x 8 tiles each) and each off-diagonal tile is also stored transposed:
// half the multiply-adds of a GEMM. A diagonal block is computed whole; x_i . x_j and x_j . x_i
// add the same products in the same order, so out is exactly symmetric.
#include "gemm_tile.h"

// x's rows packed k-major in panels of `width` rows (rows past n are zero): out[p][k][r] = x[p width + r][k].
static void packRowPanels(const float* x, int n, int d, int width, float* out) {
  for (int p = 0; p * width < n; p++) {
    float* panel = out + (long)p * d * width;
    for (int r = 0; r < width; r++) {
      const int row = p * width + r;
      if (row < n) {
        const float* source = x + (long)row * d;
        // Strided stores: clang's vectoriser would only add code here (~7 KB), not speed.
#pragma clang loop vectorize(disable) unroll(disable)
        for (int k = 0; k < d; k++) panel[(long)k * width + r] = source[k];
      } else {
#pragma clang loop vectorize(disable) unroll(disable)
        for (int k = 0; k < d; k++) panel[(long)k * width + r] = 0.0f;
      }
    }
  }
}

// Bytes of the packed copies symmetric_gram needs (4-row and 8-row panels of x).
EXPORT(symmetric_gram_scratch_bytes) int symmetricGramScratchBytes(int n, int d) {
  return (int)(((long)roundUp(n, TILE_ROWS) + roundUp(n, TILE_COLS)) * d * sizeof(float));
}

// Packs x for symmetric_gram into `scratch` (symmetric_gram_scratch_bytes of it), once per call.
EXPORT(symmetric_gram_pack) void symmetricGramPack(const float* x, int n, int d, float* scratch) {
  packRowPanels(x, n, d, TILE_ROWS, scratch);
  packRowPanels(x, n, d, TILE_COLS, scratch + (long)roundUp(n, TILE_ROWS) * d);
}

// Column blocks are visited in chunks whose packed panels (~128 KB) stay in L2 while every block
// row of a thread runs through them.
#define CHUNK_BYTES (128 * 1024)

// Block rows [unitBegin, unitEnd) of the 8-row blocks, in an order that pairs the longest block
// rows with the shortest (unit 0 -> block 0, unit 1 -> the last, unit 2 -> block 1, ...), so
// that contiguous unit ranges on different threads get the same work.
// alpha is read from memory: thread jobs carry only int32 arguments.
EXPORT(symmetric_gram) void symmetricGram(const float* scratch, int n, int d, const float* alphaAt, float* out,
                                          int unitBegin, int unitEnd) {
  const float alpha = *alphaAt;
  const float* rowPanels = scratch;
  const float* columnPanels = scratch + (long)roundUp(n, TILE_ROWS) * d;
  const int blocks = (n + TILE_COLS - 1) / TILE_COLS;
  const int chunk = maxInt(1, CHUNK_BYTES / (int)(d * TILE_COLS * sizeof(float)));
  for (int chunkBegin = 0; chunkBegin < blocks; chunkBegin += chunk) {
    const int chunkEnd = minInt(blocks, chunkBegin + chunk);
    for (int unit = unitBegin; unit < unitEnd; unit++) {
      const int block = unit & 1 ? blocks - 1 - unit / 2 : unit / 2;
      for (int half = 0; half < TILE_COLS / TILE_ROWS; half++) {
        const int row = block * TILE_COLS + half * TILE_ROWS;
        if (row >= n) break;
        const float* a = rowPanels + (long)(row / TILE_ROWS) * d * TILE_ROWS;
        for (int column = maxInt(block, chunkBegin); column < chunkEnd; column++) {
          const int col = column * TILE_COLS;
          const Tile tile = scaleTile(multiplyPanels(a, columnPanels + (long)column * d * TILE_COLS, d), alpha);
          storeTile(tile, out, n, row, col, n, n);
          if (column != block) storeTileTransposed(tile, out, n, row, col, n, n);
        }
      }
    }
  }
}
