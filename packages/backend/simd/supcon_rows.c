// FusedSupConRows (the kernel @contrastive/losses' SupCon runs when a backend has it): per
// anchor row, the softmax over the contrast row with the self logit pushed down, the anchor's
// loss and the gradient of the loss with respect to the row's logits, in one pass. Same contract
// and arithmetic as @contrastive/backend-native's supcon_rows.cc (the composed path in
// @contrastive/losses is the reference): exp in float32 four lanes at a time, sums and the
// per-row logarithms in float64.
#include "simd.h"

typedef struct {
  int32_t rows, cols, variantIn, excludeNoPositive;
  float scale, maskOffset;
  const float* logits;
  const float* positive;  // [rows][cols] 0/1, or null: positives from the labels
  const int32_t* anchorLabels;
  const int32_t* contrastLabels;
  const int32_t* selfIndex;  // per row, the column left out of the softmax (-1: none), or null
  double* positiveCount;     // [rows], filled by supcon_count_positives
  double* rowLoss;           // [rows], filled by supcon_rows
  float* gradient;           // [rows][cols]
  int32_t denominator;       // rows averaged over, set by supcon_count_positives
} SupConParams;

// A row "has positives" as in the composed path.
#define HAS_POSITIVE 1e-6

static inline float positiveAt(const SupConParams* p, int i, int j) {
  if (p->positive) return p->positive[(long)i * p->cols + j];
  if (p->selfIndex && p->selfIndex[i] == j) return 0.0f;
  return p->anchorLabels[i] == p->contrastLabels[j] ? 1.0f : 0.0f;
}

// Positive weights of columns j..j+3 of row i.
static inline v128_t positiveLanes(const SupConParams* p, int i, int j) {
  if (p->positive) return wasm_v128_load(p->positive + (long)i * p->cols + j);
  v128_t same = wasm_i32x4_eq(wasm_v128_load(p->contrastLabels + j), wasm_i32x4_splat(p->anchorLabels[i]));
  if (p->selfIndex) {
    const v128_t columns = wasm_i32x4_add(wasm_i32x4_splat(j), wasm_i32x4_make(0, 1, 2, 3));
    same = wasm_v128_andnot(same, wasm_i32x4_eq(columns, wasm_i32x4_splat(p->selfIndex[i])));
  }
  return wasm_v128_and(same, wasm_f32x4_splat(1.0f));
}

// e^x for x <= ~88 (Cephes' expf: x = n ln 2 + r, |r| <= ln 2 / 2, a degree-6 polynomial for
// e^r, 2^n through the exponent bits); 0 below -87.3, where float32 underflows.
static inline v128_t exp4(v128_t x) {
  const v128_t tooSmall = wasm_f32x4_lt(x, wasm_f32x4_splat(-87.3f));
  x = wasm_f32x4_max(x, wasm_f32x4_splat(-87.3f));
  const v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504088896341f)));
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  v128_t poly = wasm_f32x4_splat(1.9875691500e-4f);
  poly = wasm_f32x4_add(wasm_f32x4_mul(poly, r), wasm_f32x4_splat(1.3981999507e-3f));
  poly = wasm_f32x4_add(wasm_f32x4_mul(poly, r), wasm_f32x4_splat(8.3334519073e-3f));
  poly = wasm_f32x4_add(wasm_f32x4_mul(poly, r), wasm_f32x4_splat(4.1665795894e-2f));
  poly = wasm_f32x4_add(wasm_f32x4_mul(poly, r), wasm_f32x4_splat(1.6666665459e-1f));
  poly = wasm_f32x4_add(wasm_f32x4_mul(poly, r), wasm_f32x4_splat(5.0000001201e-1f));
  poly = wasm_f32x4_add(wasm_f32x4_mul(poly, wasm_f32x4_mul(r, r)), wasm_f32x4_add(r, wasm_f32x4_splat(1.0f)));
  // 2^n: n + 127 (in [1, 254]) lands in the low mantissa bits of 1.5 2^23 + n + 127 (no float-to-int
  // conversion, which wasm engines expand into a long saturating sequence), shifted into the exponent.
  const v128_t biased = wasm_f32x4_add(n, wasm_f32x4_splat(12582912.0f + 127.0f));
  const v128_t scale = wasm_i32x4_shl(biased, 23);
  return wasm_v128_andnot(wasm_f32x4_mul(poly, scale), tooSmall);
}

static inline float exp1(float x) { return wasm_f32x4_extract_lane(exp4(wasm_f32x4_splat(x)), 0); }

// Natural logarithm of a positive, finite double: x = m 2^e with m in [sqrt(1/2), sqrt(2)), and
// log m = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172, by its series to s^21 (error < 1e-16).
static double logPositive(double x) {
  union { double d; uint64_t u; } bits = {x};
  int e = (int)((bits.u >> 52) & 0x7ff) - 1023;
  bits.u = (bits.u & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;  // m in [1, 2)
  double m = bits.d;
  if (m > 1.4142135623730951) {
    m *= 0.5;
    e++;
  }
  const double s = (m - 1.0) / (m + 1.0), s2 = s * s;
  double series = 1.0 / 21;
  for (int k = 19; k >= 1; k -= 2) series = series * s2 + 1.0 / k;
  return e * 0.6931471805599453 + 2.0 * s * series;
}

static inline float maxLane(v128_t v) {
  v = wasm_f32x4_max(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  v = wasm_f32x4_max(v, wasm_i32x4_shuffle(v, v, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(v, 0);
}

// A float64 sum of f32x4 lanes in two f64x2 accumulators: two independent add chains instead of
// one through four scalar adds per vector, whose latency bounded the row loops.
typedef struct {
  v128_t low, high;
} LaneSum;

static inline LaneSum laneSumZero(void) { return (LaneSum){wasm_f64x2_splat(0.0), wasm_f64x2_splat(0.0)}; }

static inline LaneSum addLanes(LaneSum sum, v128_t v) {
  sum.low = wasm_f64x2_add(sum.low, wasm_f64x2_promote_low_f32x4(v));
  sum.high = wasm_f64x2_add(sum.high, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1)));
  return sum;
}

static inline double laneSumTotal(LaneSum sum) {
  const v128_t both = wasm_f64x2_add(sum.low, sum.high);
  return wasm_f64x2_extract_lane(both, 0) + wasm_f64x2_extract_lane(both, 1);
}

// Counts each row's positives and sets the denominator; returns the rows that have any.
EXPORT(supcon_count_positives) int supConCountPositives(SupConParams* p) {
  int withPositives = 0;
  const int vectorCols = p->cols / 4 * 4;
  for (int i = 0; i < p->rows; i++) {
    LaneSum lanes = laneSumZero();
    for (int j = 0; j < vectorCols; j += 4) lanes = addLanes(lanes, positiveLanes(p, i, j));
    double count = laneSumTotal(lanes);
    for (int j = vectorCols; j < p->cols; j++) count += positiveAt(p, i, j);
    p->positiveCount[i] = count;
    withPositives += count > HAS_POSITIVE;
  }
  p->denominator = p->excludeNoPositive ? maxInt(withPositives, 1) : p->rows;
  return withPositives;
}

// Rows [rowBegin, rowEnd): their share of the loss into rowLoss, their gradient rows.
EXPORT(supcon_rows) void supConRows(const SupConParams* p, int rowBegin, int rowEnd) {
  const int cols = p->cols, vectorCols = cols / 4 * 4;
  const float offset = p->maskOffset;
  for (int i = rowBegin; i < rowEnd; i++) {
    const float* logit = p->logits + (long)i * cols;
    float* grad = p->gradient + (long)i * cols;
    const int self = p->selfIndex ? p->selfIndex[i] : -1;
    const double count = p->positiveCount[i];
    const double weight = count > HAS_POSITIVE ? (double)p->scale / p->denominator : 0.0;
    const double safeCount = count > 1.0 ? count : 1.0;
    const v128_t selfLanes = wasm_i32x4_splat(self), lanes = wasm_i32x4_make(0, 1, 2, 3);
    // The self logit pushed down by maskOffset (not removed), as the composed path masks it.
#define MASKED(j) wasm_v128_bitselect(wasm_f32x4_sub(wasm_v128_load(logit + (j)), wasm_f32x4_splat(offset)), \
                                      wasm_v128_load(logit + (j)),                                       \
                                      wasm_i32x4_eq(wasm_i32x4_add(wasm_i32x4_splat(j), lanes), selfLanes))
    v128_t maxLanes = wasm_f32x4_splat(-__builtin_inff());
    for (int j = 0; j < vectorCols; j += 4) maxLanes = wasm_f32x4_max(maxLanes, MASKED(j));
    float rowMax = maxLane(maxLanes);
    for (int j = vectorCols; j < cols; j++) {
      const float v = j == self ? logit[j] - offset : logit[j];
      rowMax = v > rowMax ? v : rowMax;
    }
    LaneSum zLanes = laneSumZero();
    for (int j = 0; j < vectorCols; j += 4) {
      const v128_t e = exp4(wasm_f32x4_sub(MASKED(j), wasm_f32x4_splat(rowMax)));
      wasm_v128_store(grad + j, e);
      zLanes = addLanes(zLanes, e);
    }
    double z = laneSumTotal(zLanes);
    for (int j = vectorCols; j < cols; j++) {
      grad[j] = exp1((j == self ? logit[j] - offset : logit[j]) - rowMax);
      z += grad[j];
    }
#undef MASKED
    const double logDenominator = rowMax + logPositive(z);
    const float softmaxScale = (float)(weight / z);
    double perAnchor;
    if (!p->variantIn) {
      LaneSum positiveLanesSum = laneSumZero();
      const float targetScale = (float)(weight / safeCount);
      for (int j = 0; j < vectorCols; j += 4) {
        const v128_t positive = positiveLanes(p, i, j);
        positiveLanesSum = addLanes(positiveLanesSum, wasm_f32x4_mul(positive, wasm_v128_load(logit + j)));
        wasm_v128_store(grad + j, wasm_f32x4_sub(wasm_f32x4_mul(wasm_v128_load(grad + j), wasm_f32x4_splat(softmaxScale)),
                                                 wasm_f32x4_mul(positive, wasm_f32x4_splat(targetScale))));
      }
      double positiveSum = laneSumTotal(positiveLanesSum);
      for (int j = vectorCols; j < cols; j++) {
        const float positive = positiveAt(p, i, j);
        positiveSum += positive * logit[j];
        grad[j] = grad[j] * softmaxScale - positive * targetScale;
      }
      perAnchor = logDenominator - positiveSum / safeCount;
    } else {
      // The softmax restricted to the positives (the others pushed down by maskOffset).
#define RESTRICTED(j) wasm_f32x4_add(wasm_v128_load(logit + (j)), \
                                     wasm_f32x4_mul(wasm_f32x4_sub(positiveLanes(p, i, j), wasm_f32x4_splat(1.0f)), wasm_f32x4_splat(offset)))
      v128_t positiveLanesMax = wasm_f32x4_splat(-__builtin_inff());
      for (int j = 0; j < vectorCols; j += 4) positiveLanesMax = wasm_f32x4_max(positiveLanesMax, RESTRICTED(j));
      float positiveMax = maxLane(positiveLanesMax);
      for (int j = vectorCols; j < cols; j++) {
        const float v = logit[j] + (positiveAt(p, i, j) - 1.0f) * offset;
        positiveMax = v > positiveMax ? v : positiveMax;
      }
      LaneSum zPositiveLanes = laneSumZero();
      for (int j = 0; j < vectorCols; j += 4) {
        zPositiveLanes = addLanes(zPositiveLanes, exp4(wasm_f32x4_sub(RESTRICTED(j), wasm_f32x4_splat(positiveMax))));
      }
      double zPositive = laneSumTotal(zPositiveLanes);
      for (int j = vectorCols; j < cols; j++) zPositive += exp1(logit[j] + (positiveAt(p, i, j) - 1.0f) * offset - positiveMax);
      const float targetScale = (float)(weight / zPositive);
      for (int j = 0; j < vectorCols; j += 4) {
        const v128_t ePositive = exp4(wasm_f32x4_sub(RESTRICTED(j), wasm_f32x4_splat(positiveMax)));
        wasm_v128_store(grad + j, wasm_f32x4_sub(wasm_f32x4_mul(wasm_v128_load(grad + j), wasm_f32x4_splat(softmaxScale)),
                                                 wasm_f32x4_mul(ePositive, wasm_f32x4_splat(targetScale))));
      }
      for (int j = vectorCols; j < cols; j++) {
        const float ePositive = exp1(logit[j] + (positiveAt(p, i, j) - 1.0f) * offset - positiveMax);
        grad[j] = grad[j] * softmaxScale - ePositive * targetScale;
      }
#undef RESTRICTED
      perAnchor = logDenominator - (positiveMax + logPositive(zPositive)) + logPositive(safeCount);
    }
    p->rowLoss[i] = weight * perAnchor;
  }
}

// The loss: the rows' shares added up (in row order, so any split across threads gives the same).
EXPORT(supcon_loss) void supConLoss(const SupConParams* p, float* loss) {
  double total = 0;
  for (int i = 0; i < p->rows; i++) total += p->rowLoss[i];
  *loss = (float)total;
}
