// The register-blocked GEMM microkernel shared by symmetric_gram.c and symmetrized_matmul.c: a
// 4 x 8 tile of C held in eight f32x4 accumulators, A packed as 4-row panels and B as 8-column
// panels, both k-major, so each step of k is two vector loads of B, four splats of A and eight
// multiply-adds (simd128 has no fused multiply-add).
#ifndef CONTRASTIVE_GEMM_TILE_H
#define CONTRASTIVE_GEMM_TILE_H

#include "simd.h"

#define TILE_ROWS 4
#define TILE_COLS 8

typedef struct {
  v128_t c[TILE_ROWS][2];
} Tile;

// C tile = sum over k of a[k][r] * b[k][c]; a is [depth][4], b is [depth][8].
static inline Tile multiplyPanels(const float* a, const float* b, int depth) {
  v128_t c00 = wasm_f32x4_splat(0.0f), c01 = c00, c10 = c00, c11 = c00;
  v128_t c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  for (int k = 0; k < depth; k++, a += TILE_ROWS, b += TILE_COLS) {
    const v128_t b0 = wasm_v128_load(b), b1 = wasm_v128_load(b + 4);
    const v128_t a0 = wasm_v128_load32_splat(a), a1 = wasm_v128_load32_splat(a + 1);
    const v128_t a2 = wasm_v128_load32_splat(a + 2), a3 = wasm_v128_load32_splat(a + 3);
    c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(a0, b0));
    c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(a0, b1));
    c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(a1, b0));
    c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(a1, b1));
    c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(a2, b0));
    c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(a2, b1));
    c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(a3, b0));
    c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(a3, b1));
  }
  return (Tile){{{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}}};
}

static inline Tile scaleTile(Tile t, float alpha) {
  const v128_t s = wasm_f32x4_splat(alpha);
  for (int r = 0; r < TILE_ROWS; r++) {
    t.c[r][0] = wasm_f32x4_mul(t.c[r][0], s);
    t.c[r][1] = wasm_f32x4_mul(t.c[r][1], s);
  }
  return t;
}

// The part of a tile inside rows x cols, stored (or added) element by element: the edges only, kept
// out of line so that the full-tile paths stay small once inlined.
__attribute__((noinline, cold)) static void storeTileEdge(const Tile* t, float* out, int stride, int row, int col,
                                                          int rows, int cols, int accumulate) {
  float values[TILE_ROWS][TILE_COLS];
  for (int r = 0; r < TILE_ROWS; r++) {
    wasm_v128_store(values[r], t->c[r][0]);
    wasm_v128_store(values[r] + 4, t->c[r][1]);
  }
  float* at = out + (long)row * stride + col;
  for (int r = 0; r < TILE_ROWS && row + r < rows; r++) {
    for (int c = 0; c < TILE_COLS && col + c < cols; c++) {
      at[(long)r * stride + c] = (accumulate ? at[(long)r * stride + c] : 0.0f) + values[r][c];
    }
  }
}

// Stores the tile at out[row][col] (row stride `stride`), only the part inside rows x cols.
static inline void storeTile(Tile t, float* out, int stride, int row, int col, int rows, int cols) {
  if (row + TILE_ROWS > rows || col + TILE_COLS > cols) {
    storeTileEdge(&t, out, stride, row, col, rows, cols, 0);
    return;
  }
  float* at = out + (long)row * stride + col;
  for (int r = 0; r < TILE_ROWS; r++, at += stride) {
    wasm_v128_store(at, t.c[r][0]);
    wasm_v128_store(at + 4, t.c[r][1]);
  }
}

// Adds the tile into out[row][col] (row stride `stride`), only the part inside rows x cols.
static inline void addToTile(Tile t, float* out, int stride, int row, int col, int rows, int cols) {
  if (row + TILE_ROWS > rows || col + TILE_COLS > cols) {
    storeTileEdge(&t, out, stride, row, col, rows, cols, 1);
    return;
  }
  float* at = out + (long)row * stride + col;
  for (int r = 0; r < TILE_ROWS; r++, at += stride) {
    wasm_v128_store(at, wasm_f32x4_add(wasm_v128_load(at), t.c[r][0]));
    wasm_v128_store(at + 4, wasm_f32x4_add(wasm_v128_load(at + 4), t.c[r][1]));
  }
}

// 4 x 4 transpose of four rows held in vectors.
static inline void transpose4(v128_t* r0, v128_t* r1, v128_t* r2, v128_t* r3) {
  const v128_t t0 = wasm_i32x4_shuffle(*r0, *r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(*r2, *r3, 0, 4, 1, 5);
  const v128_t t2 = wasm_i32x4_shuffle(*r0, *r1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(*r2, *r3, 2, 6, 3, 7);
  *r0 = wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5);
  *r1 = wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7);
  *r2 = wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5);
  *r3 = wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7);
}

// Rows col..col+7 of out (each `rows4[c]`, four floats), only inside rows x cols: the edges only.
__attribute__((noinline, cold)) static void storeTransposedEdge(const Tile* rows4, float* out, int stride, int row,
                                                                int col, int rows, int cols) {
  for (int c = 0; c < TILE_COLS && col + c < rows; c++) {
    float values[TILE_ROWS];
    wasm_v128_store(values, rows4->c[c / 2][c % 2]);
    for (int r = 0; r < TILE_ROWS && row + r < cols; r++) out[(long)(col + c) * stride + row + r] = values[r];
  }
}

// Stores the tile transposed, out[col + c][row + r] = tile[r][c], only inside out's rows x cols.
static inline void storeTileTransposed(Tile t, float* out, int stride, int row, int col, int rows, int cols) {
  v128_t lo[TILE_ROWS] = {t.c[0][0], t.c[1][0], t.c[2][0], t.c[3][0]};
  v128_t hi[TILE_ROWS] = {t.c[0][1], t.c[1][1], t.c[2][1], t.c[3][1]};
  transpose4(&lo[0], &lo[1], &lo[2], &lo[3]);
  transpose4(&hi[0], &hi[1], &hi[2], &hi[3]);
  // Rows col..col+7 of out, each four floats wide: as a tile, 8 x 4 is two 4 x 4 halves.
  const Tile top = {{{lo[0], lo[1]}, {lo[2], lo[3]}, {hi[0], hi[1]}, {hi[2], hi[3]}}};
  if (col + TILE_COLS > rows || row + TILE_ROWS > cols) {
    storeTransposedEdge(&top, out, stride, row, col, rows, cols);
    return;
  }
  float* at = out + (long)col * stride + row;
  for (int c = 0; c < TILE_COLS; c++, at += stride) wasm_v128_store(at, top.c[c / 2][c % 2]);
}

#endif
